using System.Diagnostics.Metrics;
using Npgsql;

namespace WorkersPower.Testing;

/// <summary>
/// The bytes Npgsql has read from one database (its <c>db.client.commands.bytes_read</c> counter, summed over
/// every data source of that database) since this counter was made or last reset: what a
/// request made PostgreSQL send, rows and protocol included. Background work on the same database (Wolverine's
/// agents) is counted too; it is a few hundred bytes a second.
/// </summary>
public sealed class BytesReadCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private long total;

    public BytesReadCounter(string connectionString)
    {
        var database = $"Database={new NpgsqlConnectionStringBuilder(connectionString).Database}";
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.commands.bytes_read") l.EnableMeasurementEvents(instrument);
        };
        // Npgsql tags each measurement with its data source's name: the connection string without the password.
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "pool.name" && tag.Value is string name && name.Split(';').Contains(database, StringComparer.OrdinalIgnoreCase))
                    Interlocked.Add(ref total, value);
        });
        listener.Start();
    }

    /// <summary>Bytes read since the counter was made or reset.</summary>
    public long Read => Interlocked.Read(ref total);

    public void Reset() => Interlocked.Exchange(ref total, 0);

    public void Dispose() => listener.Dispose();
}
