using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace NewsPipeline.Search.Postgres;

/// <summary>The parameters of one SQL statement being composed: each value gets a name, the SQL only ever names it.</summary>
internal sealed class SqlParameters
{
    private readonly List<NpgsqlParameter> parameters = [];

    /// <summary>Adds a value and returns its placeholder (<c>@p3</c>).</summary>
    public string Add(object? value, NpgsqlDbType type)
    {
        var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return "@" + name;
    }

    public string AddText(string? value) => Add(value, NpgsqlDbType.Text);

    public string AddTextArray(IEnumerable<string> values) => Add(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);

    /// <summary>A command over <paramref name="connection"/> with these parameters (copied: a parameter belongs to one command).</summary>
    public NpgsqlCommand Command(string sql, NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }

    /// <summary>A batch command with these parameters.</summary>
    public NpgsqlBatchCommand BatchCommand(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }

    /// <summary>A LIKE pattern that finds <paramref name="text"/> anywhere (its own wildcards escaped).</summary>
    public static string Containing(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
