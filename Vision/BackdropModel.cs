namespace OtMz.Vision;

/// <summary>
/// The colour of a studio backdrop as a smooth function of position: a quadratic surface in each Lab channel over
/// coordinates u, v in [-1, 1], fitted to border pixels. A quadratic follows the gradients and vignetting of a lit
/// sweep; the fit is trimmed (pixels far from the previous fit are left out and the fit repeated) so a garment that
/// touches the border does not drag the backdrop towards its own colour.
/// </summary>
internal sealed class BackdropModel
{
    private const int Terms = 6;

    // Coefficients per channel, for the terms 1, u, v, u², v², uv.
    private readonly double[] _l;
    private readonly double[] _a;
    private readonly double[] _b;

    private BackdropModel(double[] l, double[] a, double[] b)
    {
        _l = l;
        _a = a;
        _b = b;
    }

    /// <summary>
    /// Fits the model to border samples at (u, v) with colours <paramref name="colours"/>; on return
    /// <paramref name="residuals"/> holds each sample's distance (ΔE*ab) from the fitted backdrop.
    /// </summary>
    public static BackdropModel Fit(ReadOnlySpan<float> u, ReadOnlySpan<float> v, ReadOnlySpan<Lab> colours, Span<float> residuals)
    {
        var model = Median(colours);
        model.Residuals(u, v, colours, residuals);
        var sorted = new float[residuals.Length];
        for (var pass = 0; pass < 3; pass++)
        {
            residuals.CopyTo(sorted);
            Array.Sort(sorted);
            var cutoff = MathF.Max(2.5f * sorted[sorted.Length / 2], 2f);
            var refitted = LeastSquares(u, v, colours, residuals, cutoff);
            if (refitted is null)
            {
                break;
            }

            model = refitted;
            model.Residuals(u, v, colours, residuals);
        }

        return model;
    }

    /// <summary>The backdrop along the row at <paramref name="v"/> as c0 + c1·u + c2·u², per Lab channel.</summary>
    public (Lab Constant, Lab Linear, Lab Square) Row(float v) => (
        new Lab(Constant(_l, v), Constant(_a, v), Constant(_b, v)),
        new Lab((float)(_l[1] + _l[5] * v), (float)(_a[1] + _a[5] * v), (float)(_b[1] + _b[5] * v)),
        new Lab((float)_l[3], (float)_a[3], (float)_b[3]));

    public Lab At(float u, float v)
    {
        var (c, l, s) = Row(v);
        return new Lab(c.L + u * (l.L + u * s.L), c.A + u * (l.A + u * s.A), c.B + u * (l.B + u * s.B));
    }

    private static float Constant(double[] k, float v) => (float)(k[0] + k[2] * v + k[4] * v * v);

    private void Residuals(ReadOnlySpan<float> u, ReadOnlySpan<float> v, ReadOnlySpan<Lab> colours, Span<float> residuals)
    {
        for (var i = 0; i < colours.Length; i++)
        {
            residuals[i] = MathF.Sqrt(colours[i].DistanceSquared(At(u[i], v[i])));
        }
    }

    /// <summary>The per-channel median colour, as a flat model: the starting point the trimmed fits refine.</summary>
    private static BackdropModel Median(ReadOnlySpan<Lab> colours)
    {
        var l = new float[colours.Length];
        var a = new float[colours.Length];
        var b = new float[colours.Length];
        for (var i = 0; i < colours.Length; i++)
        {
            (l[i], a[i], b[i]) = (colours[i].L, colours[i].A, colours[i].B);
        }

        Array.Sort(l);
        Array.Sort(a);
        Array.Sort(b);
        var middle = colours.Length / 2;
        return new BackdropModel([l[middle], 0, 0, 0, 0, 0], [a[middle], 0, 0, 0, 0, 0], [b[middle], 0, 0, 0, 0, 0]);
    }

    /// <summary>
    /// Least squares over the samples whose residual is within <paramref name="cutoff"/>, with a light ridge on the
    /// non-constant terms so a backdrop seen on only some sides stays close to flat. Null when too few samples remain.
    /// </summary>
    private static BackdropModel? LeastSquares(
        ReadOnlySpan<float> u, ReadOnlySpan<float> v, ReadOnlySpan<Lab> colours, ReadOnlySpan<float> residuals, float cutoff)
    {
        Span<double> normal = stackalloc double[Terms * Terms];
        Span<double> rhs = stackalloc double[Terms * 3];
        Span<double> phi = stackalloc double[Terms];
        normal.Clear();
        rhs.Clear();
        var used = 0;
        for (var i = 0; i < colours.Length; i++)
        {
            if (residuals[i] > cutoff)
            {
                continue;
            }

            used++;
            phi[0] = 1;
            phi[1] = u[i];
            phi[2] = v[i];
            phi[3] = u[i] * u[i];
            phi[4] = v[i] * v[i];
            phi[5] = u[i] * v[i];
            for (var r = 0; r < Terms; r++)
            {
                for (var c = 0; c < Terms; c++)
                {
                    normal[r * Terms + c] += phi[r] * phi[c];
                }

                rhs[r * 3] += phi[r] * colours[i].L;
                rhs[r * 3 + 1] += phi[r] * colours[i].A;
                rhs[r * 3 + 2] += phi[r] * colours[i].B;
            }
        }

        if (used < 4 * Terms)
        {
            return null;
        }

        var ridge = 1e-3 * used;
        for (var r = 1; r < Terms; r++)
        {
            normal[r * Terms + r] += ridge;
        }

        if (!Solve(normal, rhs))
        {
            return null;
        }

        double[] l = new double[Terms], a = new double[Terms], b = new double[Terms];
        for (var r = 0; r < Terms; r++)
        {
            l[r] = rhs[r * 3];
            a[r] = rhs[r * 3 + 1];
            b[r] = rhs[r * 3 + 2];
        }

        return new BackdropModel(l, a, b);
    }

    /// <summary>Gauss-Jordan elimination with partial pivoting; the three right-hand sides become the solutions.</summary>
    private static bool Solve(Span<double> matrix, Span<double> rhs)
    {
        for (var col = 0; col < Terms; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < Terms; r++)
            {
                if (Math.Abs(matrix[r * Terms + col]) > Math.Abs(matrix[pivot * Terms + col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(matrix[pivot * Terms + col]) < 1e-9)
            {
                return false;
            }

            if (pivot != col)
            {
                for (var c = 0; c < Terms; c++)
                {
                    (matrix[col * Terms + c], matrix[pivot * Terms + c]) = (matrix[pivot * Terms + c], matrix[col * Terms + c]);
                }

                for (var c = 0; c < 3; c++)
                {
                    (rhs[col * 3 + c], rhs[pivot * 3 + c]) = (rhs[pivot * 3 + c], rhs[col * 3 + c]);
                }
            }

            var scale = 1 / matrix[col * Terms + col];
            for (var c = 0; c < Terms; c++)
            {
                matrix[col * Terms + c] *= scale;
            }

            for (var c = 0; c < 3; c++)
            {
                rhs[col * 3 + c] *= scale;
            }

            for (var r = 0; r < Terms; r++)
            {
                var factor = matrix[r * Terms + col];
                if (r == col || factor == 0)
                {
                    continue;
                }

                for (var c = 0; c < Terms; c++)
                {
                    matrix[r * Terms + c] -= factor * matrix[col * Terms + c];
                }

                for (var c = 0; c < 3; c++)
                {
                    rhs[r * 3 + c] -= factor * rhs[col * 3 + c];
                }
            }
        }

        return true;
    }
}
