namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// A clock the test moves by hand (the portal's only clock is the injected TimeProvider). Made with a start it stands
/// there until moved; made without one it reads the system's time until a test stops it.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _now;

    public ManualClock(DateTimeOffset start) => _now = start;

    /// <summary>A clock on the system's time, until <see cref="StopAt"/> or <see cref="Advance"/>.</summary>
    public ManualClock()
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now ?? System.GetUtcNow();
        }
    }

    /// <summary>Moves the clock forward (a running clock stops there).</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now = (_now ?? System.GetUtcNow()) + by;
        }
    }

    /// <summary>Stops the clock at <paramref name="at"/>.</summary>
    public void StopAt(DateTimeOffset at)
    {
        lock (_gate)
        {
            _now = at;
        }
    }

    /// <summary>Sets the clock running on the system's time again.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _now = null;
        }
    }
}
