namespace SuperRes.Training;

/// <summary>How a training run ended.</summary>
public enum TrainingOutcome
{
    /// <summary>All steps done; the final model is written.</summary>
    Completed,

    /// <summary>Cancelled (Ctrl-C); a checkpoint of the last finished step is written.</summary>
    Interrupted,

    /// <summary>The loss became NaN or infinite; the last good checkpoint is kept.</summary>
    NonFiniteLoss,
}
