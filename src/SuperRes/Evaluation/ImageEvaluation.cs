using SuperRes.Imaging;

namespace SuperRes.Evaluation;

/// <summary>The score of one image and the super-resolved image that earned it.</summary>
public sealed record ImageEvaluation(ImageScore Score, Image SuperResolved);
