namespace OtMz.Vision;

/// <summary>
/// A colour in CIELAB (D65 white), the space the background remover measures distances in and the colour analyser
/// clusters in: Euclidean distance there tracks perceived difference far better than in sRGB.
/// </summary>
internal readonly record struct Lab(float L, float A, float B)
{
    private const float Epsilon = 216f / 24389f;
    private const float Kappa = 24389f / 27f;

    // D65 reference white.
    private const float Xn = 0.95047f;
    private const float Zn = 1.08883f;

    /// <summary>sRGB byte to linear light, looked up because every pixel needs it three times.</summary>
    private static readonly float[] Linear = BuildLinear();

    // The cube root in Lab's f(t), tabulated over [0, FMax] and interpolated linearly: the background remover converts
    // every pixel, and MathF.Cbrt three times a pixel dominated its run time. The error is below 0.01 in L.
    private const int FSteps = 4096;
    private const float FMax = 1.1f;
    private static readonly float[] FTable = BuildF();

    public static Lab FromSrgb(byte r, byte g, byte b)
    {
        var rl = Linear[r];
        var gl = Linear[g];
        var bl = Linear[b];
        var x = (0.4124564f * rl + 0.3575761f * gl + 0.1804375f * bl) / Xn;
        var y = 0.2126729f * rl + 0.7151522f * gl + 0.0721750f * bl;
        var z = (0.0193339f * rl + 0.1191920f * gl + 0.9503041f * bl) / Zn;
        var fx = F(x);
        var fy = F(y);
        var fz = F(z);
        return new Lab(116f * fy - 16f, 500f * (fx - fy), 200f * (fy - fz));
    }

    public float DistanceSquared(Lab other)
    {
        var dl = L - other.L;
        var da = A - other.A;
        var db = B - other.B;
        return dl * dl + da * da + db * db;
    }

    /// <summary>
    /// CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation). Used to name colours, where hue matters
    /// more than the plain Lab distance gives it credit for (blues and purples especially).
    /// </summary>
    public double DeltaE2000(Lab other)
    {
        const double Pow25To7 = 6103515625.0;
        double l1 = L, a1 = A, b1 = B, l2 = other.L, a2 = other.A, b2 = other.B;

        var cBar = (Math.Sqrt(a1 * a1 + b1 * b1) + Math.Sqrt(a2 * a2 + b2 * b2)) / 2;
        var cBar7 = Math.Pow(cBar, 7);
        var g = 0.5 * (1 - Math.Sqrt(cBar7 / (cBar7 + Pow25To7)));
        var a1p = (1 + g) * a1;
        var a2p = (1 + g) * a2;
        var c1p = Math.Sqrt(a1p * a1p + b1 * b1);
        var c2p = Math.Sqrt(a2p * a2p + b2 * b2);
        var h1p = Hue(b1, a1p);
        var h2p = Hue(b2, a2p);

        var dLp = l2 - l1;
        var dCp = c2p - c1p;
        double dhp = 0;
        if (c1p * c2p != 0)
        {
            dhp = h2p - h1p;
            if (dhp > 180)
            {
                dhp -= 360;
            }
            else if (dhp < -180)
            {
                dhp += 360;
            }
        }

        var dHp = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Radians(dhp / 2));

        var lBarP = (l1 + l2) / 2;
        var cBarP = (c1p + c2p) / 2;
        double hBarP;
        if (c1p * c2p == 0)
        {
            hBarP = h1p + h2p;
        }
        else if (Math.Abs(h1p - h2p) <= 180)
        {
            hBarP = (h1p + h2p) / 2;
        }
        else
        {
            hBarP = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
        }

        var t = 1
            - 0.17 * Math.Cos(Radians(hBarP - 30))
            + 0.24 * Math.Cos(Radians(2 * hBarP))
            + 0.32 * Math.Cos(Radians(3 * hBarP + 6))
            - 0.20 * Math.Cos(Radians(4 * hBarP - 63));
        var dTheta = 30 * Math.Exp(-Math.Pow((hBarP - 275) / 25, 2));
        var cBarP7 = Math.Pow(cBarP, 7);
        var rC = 2 * Math.Sqrt(cBarP7 / (cBarP7 + Pow25To7));
        var lOffset = (lBarP - 50) * (lBarP - 50);
        var sL = 1 + 0.015 * lOffset / Math.Sqrt(20 + lOffset);
        var sC = 1 + 0.045 * cBarP;
        var sH = 1 + 0.015 * cBarP * t;
        var rT = -Math.Sin(Radians(2 * dTheta)) * rC;

        var lightness = dLp / sL;
        var chroma = dCp / sC;
        var hue = dHp / sH;
        return Math.Sqrt(lightness * lightness + chroma * chroma + hue * hue + rT * chroma * hue);
    }

    private static double Hue(double b, double aPrime)
    {
        if (b == 0 && aPrime == 0)
        {
            return 0;
        }

        var degrees = Math.Atan2(b, aPrime) * (180 / Math.PI);
        return degrees < 0 ? degrees + 360 : degrees;
    }

    private static double Radians(double degrees) => degrees * (Math.PI / 180);

    private static float F(float t)
    {
        var position = t * (FSteps / FMax);
        if (position >= FSteps)
        {
            return ExactF(t);
        }

        var i = (int)position;
        var table = FTable;
        return table[i] + (table[i + 1] - table[i]) * (position - i);
    }

    private static float ExactF(float t) => t > Epsilon ? MathF.Cbrt(t) : (Kappa * t + 16f) / 116f;

    private static float[] BuildF()
    {
        var table = new float[FSteps + 1];
        for (var i = 0; i <= FSteps; i++)
        {
            table[i] = ExactF(i * (FMax / FSteps));
        }

        return table;
    }

    private static float[] BuildLinear()
    {
        var table = new float[256];
        for (var i = 0; i < 256; i++)
        {
            var c = i / 255.0;
            table[i] = (float)(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4));
        }

        return table;
    }
}
