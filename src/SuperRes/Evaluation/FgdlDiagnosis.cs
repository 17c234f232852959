namespace SuperRes.Evaluation;

/// <summary>
/// What an FGDL network's level gets right and wrong on a dataset: the scores of every readout,
/// and the classifier's statistics over every output pixel (and channel) of every image.
/// </summary>
/// <param name="AreaHitRate">Share of pixels whose true bin b* lies in the predicted area |b* - b| ≤ r.</param>
/// <param name="Top1Accuracy">Share of pixels whose argmax bin b is b*.</param>
/// <param name="MeanRadius">The mean predicted radius r (no widening).</param>
public sealed record FgdlDiagnosis(
    string Dataset,
    int Scale,
    int Images,
    IReadOnlyList<FgdlReadout> Readouts,
    double AreaHitRate,
    double Top1Accuracy,
    double MeanRadius);
