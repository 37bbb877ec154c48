namespace OtMz.VisionTrainer.Training;

/// <summary>
/// How many pictures of each kind a training run renders, and from which seed. Looks are numbered in split order
/// (training outfits, held-out outfits, unlabelled photos, held-out photos), so no look appears in two splits.
/// </summary>
public sealed record StyleDataPlan(int Seed, int Train = 1600, int HeldOut = 400, int Unlabelled = 1000, int PhotoHeldOut = 400)
{
    public int Total => Train + HeldOut + Unlabelled + PhotoHeldOut;
}
