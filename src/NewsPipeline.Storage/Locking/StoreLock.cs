using System.Diagnostics;
using System.Text.Json;

namespace NewsPipeline.Storage;

/// <summary>
/// Makes one process the only owner of a store file. LiteDB 5 corrupts a file or silently loses acknowledged
/// writes when two processes open it (even in Shared mode), so the owner holds <c>&lt;db&gt;.lock</c> open with
/// <see cref="FileShare.None"/> for as long as it runs. The operating system drops that lock when the process
/// dies, so a leftover lock file from a crash is simply taken over.
/// </summary>
/// <remarks>
/// The owner's PID and service URL are written into the lock file (readable with <c>cat</c>) and into a
/// sidecar <c>&lt;db&gt;.lock.owner</c>: on Linux .NET takes a shared flock to read any file, which the
/// owner's exclusive lock refuses, so other .NET processes read the sidecar instead.
/// </remarks>
public sealed class StoreLock : IDisposable
{
    public const string LockFileSuffix = ".lock";
    private const string OwnerFileSuffix = ".lock.owner";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly FileStream lockStream;
    private readonly string ownerPath;
    private readonly Lock writeGate = new();
    private bool disposed;

    private StoreLock(string databasePath, FileStream lockStream, StoreOwner owner)
    {
        DatabasePath = databasePath;
        this.lockStream = lockStream;
        ownerPath = databasePath + OwnerFileSuffix;
        Owner = owner;
    }

    /// <summary>Full path of the data file this lock guards.</summary>
    public string DatabasePath { get; }

    /// <summary>How this process describes itself to others.</summary>
    public StoreOwner Owner { get; private set; }

    /// <summary>Takes the store file for this process or throws <see cref="StoreLockedException"/> naming the owner.</summary>
    public static StoreLock Acquire(string databasePath, string? serviceUrl, TimeProvider? time = null)
    {
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        FileStream stream;
        try
        {
            stream = new FileStream(fullPath + LockFileSuffix, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsHeldByAnother(e))
        {
            throw new StoreLockedException(fullPath, ReadLiveOwner(fullPath + OwnerFileSuffix), e);
        }

        var owner = new StoreOwner(Environment.ProcessId, serviceUrl, (time ?? TimeProvider.System).GetUtcNow());
        var storeLock = new StoreLock(fullPath, stream, owner);
        try
        {
            storeLock.Publish(owner);
        }
        catch
        {
            storeLock.Dispose();
            throw;
        }

        return storeLock;
    }

    /// <summary>The live owner of a store file, or null when no process holds it.</summary>
    /// <remarks>Probing briefly takes the lock when it is free; an <see cref="Acquire"/> racing that instant fails once.</remarks>
    public static StoreOwner? TryReadOwner(string databasePath)
    {
        var fullPath = Path.GetFullPath(databasePath);
        if (!File.Exists(fullPath + LockFileSuffix))
        {
            return null;
        }

        try
        {
            using var probe = new FileStream(fullPath + LockFileSuffix, FileMode.Open, FileAccess.Read, FileShare.None);
            return null;
        }
        catch (IOException e) when (IsHeldByAnother(e))
        {
            return ReadLiveOwner(fullPath + OwnerFileSuffix);
        }
    }

    /// <summary>Publishes the URL where this owner answers queries, once it listens (null withdraws it).</summary>
    public void UpdateServiceUrl(string? serviceUrl)
    {
        lock (writeGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            Publish(Owner with { ServiceUrl = serviceUrl });
        }
    }

    public void Dispose()
    {
        lock (writeGate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;

            // The sidecar goes first: nobody can acquire (and rewrite it) until the lock stream closes below.
            // The lock file itself stays: deleting it could let two processes lock two different inodes.
            TryDelete(ownerPath);
            lockStream.Dispose();
        }
    }

    private void Publish(StoreOwner owner)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(owner, JsonOptions);
        lockStream.SetLength(0);
        lockStream.Position = 0;
        lockStream.Write(bytes);
        lockStream.Flush(flushToDisk: true);

        var temporary = ownerPath + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, ownerPath, overwrite: true);
        Owner = owner;
    }

    private static bool IsHeldByAnother(IOException e) =>
        e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException;

    private static StoreOwner? ReadLiveOwner(string ownerPath)
    {
        StoreOwner? owner;
        try
        {
            owner = JsonSerializer.Deserialize<StoreOwner>(File.ReadAllBytes(ownerPath), JsonOptions);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // The owner may be between taking the lock and writing its sidecar.
            return null;
        }

        return owner is not null && IsAlive(owner.Pid) ? owner : null;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A reader has it open on Windows; the next owner overwrites it.
        }
    }
}
