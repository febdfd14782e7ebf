namespace SecopPortal.Web.Infrastructure;

/// <summary>What the shared pager partial needs: where we are and how to link to another page.</summary>
public sealed record Pager(int Page, int PageCount, int TotalCount, Func<int, string> UrlFor);
