using System.Text;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Features.OpenData;
using static SecopPortal.Web.Tests.OpenData.OpenDataTestSupport;

namespace SecopPortal.Web.Tests.OpenData;

/// <summary>The CSV writer alone: RFC 4180 quoting, the byte-order mark, formats, and that it writes while it reads.</summary>
public sealed class PaymentPlanCsvTests
{
    [Theory]
    [InlineData("sin comillas", "sin comillas")]
    [InlineData("coma, aquí", "\"coma, aquí\"")]
    [InlineData("dice \"hola\"", "\"dice \"\"hola\"\"\"")]
    [InlineData("dos\nlíneas", "\"dos\nlíneas\"")]
    [InlineData("retorno\r\nde carro", "\"retorno\r\nde carro\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@SUMA", "'@SUMA")]
    [InlineData("", "")]
    public void A_field_is_quoted_exactly_when_rfc4180_needs_it(string value, string written)
    {
        using var writer = new StringWriter();

        PaymentPlanCsv.WriteRecord(writer, [value, "b"]);

        Assert.Equal(written + ",b\r\n", writer.ToString());
    }

    [Fact]
    public async Task A_row_is_written_with_iso_dates_dot_decimals_and_the_spanish_state_after_a_byte_order_mark()
    {
        using var output = new MemoryStream();

        await PaymentPlanCsv.WriteAsync(output, Rows(1), CancellationToken.None);

        var bytes = output.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var records = ParseCsv(new UTF8Encoding(false).GetString(bytes[3..]));
        Assert.Equal(OpenDataTests.ExpectedColumns, records[0]);
        Assert.Equal(
            ["Entidad 1", "899999001-7", "CO1.PCCNTR.1", "2026-02-01", "Proveedor S.A.S.", "901234567", "1", "FE-1", string.Empty, "1",
             "Pagado", "2026-03-02", "2026-03-03", "2026-03-31", "2026-03-20", "1234.50", "1468.06", "RP-1"],
            records[1]);
    }

    [Fact]
    public async Task The_header_and_first_rows_reach_the_stream_before_the_rows_are_all_read()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new RecordingStream();

        var writing = PaymentPlanCsv.WriteAsync(output, GatedRows(PaymentPlanCsv.RowsPerFlush + 1, gate.Task, 1_000), CancellationToken.None);
        await output.Received(PaymentPlanCsv.RowsPerFlush + 1).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(writing.IsCompleted);
        gate.SetResult();
        await writing;
        Assert.Equal(1_000 + PaymentPlanCsv.RowsPerFlush + 1 + 1, output.Lines);
    }

    internal static async IAsyncEnumerable<PaymentPlanCsvRow> GatedRows(int before, Task gate, int after)
    {
        await foreach (var row in Rows(before))
        {
            yield return row;
        }

        await gate;
        await foreach (var row in Rows(after, first: before + 1))
        {
            yield return row;
        }
    }

    internal static async IAsyncEnumerable<PaymentPlanCsvRow> Rows(int count, int first = 1)
    {
        for (var i = first; i < first + count; i++)
        {
            await Task.Yield();
            yield return new PaymentPlanCsvRow(
                $"Entidad {i}", "899999001-7", $"CO1.PCCNTR.{i}", new DateOnly(2026, 2, 1), "Proveedor S.A.S.", "901234567", i, $"FE-{i}", null, $"{i}",
                PaymentRequestStatus.Paid, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 20),
                1234.5m, 1468.055m, $"RP-{i}");
        }
    }

    /// <summary>A stream that counts the lines written to it and signals when a number of them has arrived.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly Lock _lock = new();
        private readonly List<(int Lines, TaskCompletionSource Signal)> _waiting = [];

        public int Lines { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public Task Received(int lines)
        {
            lock (_lock)
            {
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Add((lines, signal));
                Release();
                return signal.Task;
            }
        }

        /// <summary>Like the server's response body: synchronous writes are refused.</summary>
        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (_lock)
            {
                Lines += buffer.Span.Count((byte)'\n');
                Release();
            }

            return ValueTask.CompletedTask;
        }

        public override void Flush() =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Release()
        {
            foreach (var waiting in _waiting.Where(w => Lines >= w.Lines).ToList())
            {
                waiting.Signal.TrySetResult();
                _waiting.Remove(waiting);
            }
        }
    }
}
