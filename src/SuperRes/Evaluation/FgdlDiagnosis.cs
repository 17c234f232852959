namespace SuperRes.Evaluation;

/// <summary>
/// What an FGDL network's level gets right and wrong on a dataset: the scores of every readout,
/// and the classifier's statistics over every output pixel (and channel) of every image.
/// </summary>
/// <param name="Dataset">The dataset folder's name.</param>
/// <param name="Scale">The level diagnosed (2, 4, 8).</param>
/// <param name="Images">How many images were run.</param>
/// <param name="Readouts">Every readout's mean scores, in <see cref="FgdlReadoutDiagnostics.Readouts"/> order.</param>
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
