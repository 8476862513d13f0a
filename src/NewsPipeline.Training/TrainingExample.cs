namespace NewsPipeline.Training;

/// <summary>One labelled example: its hashed feature ids (repeats count twice) and, for per-group reports, a group such as the language.</summary>
public sealed record TrainingExample(int[] FeatureIds, string Label, string Group = "");
