namespace NewsPipeline.Training;

/// <summary>
/// One labelled example: its hashed feature ids (repeats count twice), for per-group reports a group such as the
/// language, and a weight (how much a mistake on it costs; rare classes can be weighted up).
/// </summary>
public sealed record TrainingExample(int[] FeatureIds, string Label, string Group = "", float Weight = 1f);
