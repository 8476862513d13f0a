using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace NewsPipeline.Storage.Postgres.Schema;

/// <summary>
/// One versioned schema step: <c>Schema/Migrations/NNNN_name.sql</c>, embedded in the assembly. Applied once, in
/// version order, inside a transaction; its checksum is recorded so that an edited, already-applied step is refused.
/// </summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    // Computed on read: a `with` copy must not carry the original text's checksum.
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>Every migration shipped with this build, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("migrations/", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();
        var clash = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {clash.Key}: {string.Join(", ", clash.Select(m => m.Name))}.");
        }

        return migrations;
    }

    private static Migration Load(Assembly assembly, string resource)
    {
        var file = resource["migrations/".Length..^".sql".Length];
        var underscore = file.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration '{file}.sql' is not named NNNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new Migration(version, file[(underscore + 1)..], reader.ReadToEnd());
    }
}
