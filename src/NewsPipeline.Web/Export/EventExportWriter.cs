using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Web.Export;

/// <summary>Writes exported events as CSV (RFC 4180, UTF-8 without BOM), JSON Lines or an xlsx workbook, row by row.</summary>
public static class EventExportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Task WriteAsync(ExportFormat format, IAsyncEnumerable<EventRow> rows, Stream output, CancellationToken cancellationToken) => format switch
    {
        ExportFormat.Csv => WriteCsvAsync(rows, output, cancellationToken),
        ExportFormat.Jsonl => WriteJsonlAsync(rows, output, cancellationToken),
        _ => WriteXlsxAsync(rows, output, cancellationToken),
    };

    public static async Task WriteCsvAsync(IAsyncEnumerable<EventRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', EventExport.Columns));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', EventExport.Cells(row).Select(c => CsvField(EventExport.NeutraliseFormula(c ?? string.Empty)))));
        }
    }

    public static async Task WriteJsonlAsync(IAsyncEnumerable<EventRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(row, RecordJson.Options));
        }
    }

    /// <summary>
    /// Streams rows into the sheet with the SAX-style writer (no DOM of the sheet in memory). The package is built
    /// in a temporary file, because a zip package needs a seekable stream, then copied to <paramref name="output"/>.
    /// Text goes in inline-string cells, which spreadsheets never evaluate as formulas.
    /// </summary>
    public static async Task WriteXlsxAsync(IAsyncEnumerable<EventRow> rows, Stream output, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "newspipeline-export-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                using (var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
                {
                    var workbook = document.AddWorkbookPart();
                    var sheetPart = workbook.AddNewPart<WorksheetPart>();
                    using (var writer = OpenXmlWriter.Create(sheetPart))
                    {
                        writer.WriteStartElement(new Worksheet());
                        writer.WriteStartElement(new SheetData());
                        WriteRow(writer, EventExport.Columns.Select(c => (string?)c).ToArray(), numericColumn: -1);
                        var tonnesColumn = EventExport.Columns.ToList().IndexOf("tonnes");
                        await foreach (var row in rows.WithCancellation(cancellationToken))
                        {
                            WriteRow(writer, EventExport.Cells(row), tonnesColumn);
                        }

                        writer.WriteEndElement();
                        writer.WriteEndElement();
                    }

                    workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "events" }));
                    workbook.Workbook.Save();
                }

                file.Position = 0;
                await file.CopyToAsync(output, cancellationToken);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void WriteRow(OpenXmlWriter writer, string?[] cells, int numericColumn)
    {
        writer.WriteStartElement(new Row());
        for (var i = 0; i < cells.Length; i++)
        {
            var value = cells[i] ?? string.Empty;
            if (i == numericColumn && value.Length > 0)
            {
                writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(value) });
            }
            else
            {
                writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(XmlSafe(value)) { Space = SpaceProcessingModeValues.Preserve }) });
            }
        }

        writer.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters; article text scraped from the web sometimes holds them.
    private static string XmlSafe(string text) =>
        text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray()) : text;

    private static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
