namespace NewsPipeline.Training.Ner;

/// <summary>Entity types the tagger learns. COMPANY only where a corpus separates firms from other organisations (stockmark's 法人名).</summary>
public static class EntityTypes
{
    public const string Company = "COMPANY";
    public const string Organisation = "ORG";
    public const string Person = "PER";
    public const string Location = "LOC";
}

/// <summary>An entity as a half-open character span of its sentence.</summary>
public sealed record EntitySpan(int Start, int End, string Type);

/// <summary>Which part of the data a sentence belongs to: training or the held-out test.</summary>
public enum DataSplit
{
    Train,
    Test,
}

/// <summary>
/// One annotated sentence in the form every corpus is converted to: its text and entity spans. Token corpora
/// are joined with spaces (no space between CJK characters), so the extraction tokenizer decides the units at
/// training time exactly as it does at run time.
/// </summary>
public sealed record AnnotatedText(string Language, string Corpus, DataSplit Split, string Text, IReadOnlyList<EntitySpan> Entities);
