namespace OtMz.VisionTrainer.Training;

/// <summary>The prints the training renderer can paint on a garment (a subset of the K-Fashion print vocabulary).</summary>
public enum GarmentPrint
{
    Plain,
    Stripe,
    Check,
    Dot,
    Floral,
    Camouflage,
    Animal,
    Graphic,
}
