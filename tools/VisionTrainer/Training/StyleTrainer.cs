using OtMz.Vision.Model;

namespace OtMz.VisionTrainer.Training;

/// <summary>
/// Fits a <see cref="StyleHead"/> on front-end features, the way the original K-Fashion service trained its
/// classifier: multi-label targets, class-weighted binary cross-entropy against the street-heavy imbalance, and
/// self-training on unlabelled pictures.
/// <list type="bullet">
/// <item>Loss per (picture, style): −[w·y·log σ(z) + (1 − y)·log(1 − σ(z))], where w = negatives / positives of the
/// style in the labelled set, clipped to [1, MaxPositiveWeight] (w = 1 everywhere when weighting is off).</item>
/// <item>Optimiser: mini-batch Adam with a cosine-decayed learning rate and L2 on the weights; features are
/// standardised with the labelled set's mean and deviation.</item>
/// <item>Self-training: the current head scores every unlabelled picture; its probabilities are prior-corrected
/// (the odds divided by the style's positive weight, since weighting inflates rare styles' odds by about that
/// much). Each (picture, style) whose corrected probability is at least the positive threshold becomes a positive
/// pseudo-label, at most the negative threshold a negative one, and anything between is masked out of the loss
/// (per-style masking: a picture confident about street but unsure about hiphop still teaches street). The head
/// then trains on the labelled pictures plus the pseudo-labelled ones, starting from where it was, and the round
/// repeats. The unlabelled pictures' true labels are never passed in.</item>
/// </list>
/// Everything is seeded, and each mini-batch is split into two fixed halves whose gradients are summed in a fixed
/// order, so the same inputs give the same head bit for bit however many cores run it.
/// </summary>
public static class StyleTrainer
{
    private const int K = StyleModelContract.StyleCount;

    public static StyleTrainingResult Train(StyleSplit labelled, IReadOnlyList<float[]> unlabelled, StyleTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(unlabelled);
        options ??= new StyleTrainerOptions();
        if (labelled.Count == 0)
        {
            throw new ArgumentException("Training needs at least one labelled picture.", nameof(labelled));
        }

        var features = labelled.Features[0].Length;
        var (mean, scale) = Standardisation(labelled.Features, features);
        var x = Standardise(labelled.Features, mean, scale);
        var y = new float[labelled.Count * K];
        var weight = new float[labelled.Count * K];
        Array.Fill(weight, 1f);
        for (var i = 0; i < labelled.Count; i++)
        {
            for (var s = 0; s < K; s++)
            {
                y[i * K + s] = labelled.Labels[i][s] ? 1 : 0;
            }
        }

        var positiveWeights = PositiveWeights(labelled, options);
        var heads = new List<Layers> { Fit(x, y, weight, labelled.Count, Layers.Initial(features, options), positiveWeights, options, options.Epochs, round: 0) };
        var rounds = new List<PseudoLabelRound>();
        for (var round = 1; round <= options.SelfTrainingRounds && unlabelled.Count > 0; round++)
        {
            var (pseudoX, pseudoY, pseudoWeight, summary) = PseudoLabel(heads[^1].ToHead(mean, scale), unlabelled, mean, scale, positiveWeights, options, round);
            rounds.Add(summary);
            heads.Add(Fit([.. x, .. pseudoX], [.. y, .. pseudoY], [.. weight, .. pseudoWeight], labelled.Count + summary.Pictures, heads[^1].Clone(),
                positiveWeights, options, options.SelfTrainingEpochs, round));
        }

        return new StyleTrainingResult([.. heads.Select(h => h.ToHead(mean, scale))], rounds, positiveWeights);
    }

    private static float[] PositiveWeights(StyleSplit labelled, StyleTrainerOptions options)
    {
        var weights = new float[K];
        for (var s = 0; s < K; s++)
        {
            var positives = labelled.Labels.Count(l => l[s]);
            var negatives = labelled.Count - positives;
            weights[s] = !options.ClassWeighting || positives == 0
                ? 1f
                : Math.Clamp((float)negatives / positives, 1f, options.MaxPositiveWeight);
        }

        return weights;
    }

    private static (float[] X, float[] Y, float[] Weight, PseudoLabelRound Summary) PseudoLabel(
        StyleHead head, IReadOnlyList<float[]> unlabelled, float[] mean, float[] scale, float[] positiveWeights, StyleTrainerOptions options, int round)
    {
        var xs = new List<float[]>();
        var ys = new List<float>();
        var ws = new List<float>();
        int positives = 0, negatives = 0, uncertain = 0;
        foreach (var features in unlabelled)
        {
            var p = PriorCorrected(head.Logits(features), positiveWeights);
            var y = new float[K];
            var w = new float[K];
            var any = false;
            for (var s = 0; s < K; s++)
            {
                if (p[s] >= options.PositiveThreshold)
                {
                    (y[s], w[s], any) = (1, options.PseudoLabelWeight, true);
                    positives++;
                }
                else if (p[s] <= options.NegativeThreshold)
                {
                    (y[s], w[s], any) = (0, options.PseudoLabelWeight, true);
                    negatives++;
                }
                else
                {
                    uncertain++;
                }
            }

            if (any)
            {
                xs.Add(features);
                ys.AddRange(y);
                ws.AddRange(w);
            }
        }

        return (Standardise(xs, mean, scale), [.. ys], [.. ws], new PseudoLabelRound(round, xs.Count, positives, negatives, uncertain));
    }

    /// <summary>
    /// Probabilities with the class weighting taken back out: weighting style c by w multiplies the odds the head
    /// learns by about w, so confidence is judged on odds / w. Without this, every rare style looks confident.
    /// </summary>
    private static float[] PriorCorrected(float[] logits, float[] positiveWeights)
    {
        var p = new float[K];
        for (var s = 0; s < K; s++)
        {
            p[s] = 1f / (1f + MathF.Exp(-(logits[s] - MathF.Log(positiveWeights[s]))));
        }

        return p;
    }

    private static Layers Fit(
        float[] x, float[] y, float[] weight, int n, Layers model, float[] positiveWeights, StyleTrainerOptions options, int epochs, int round)
    {
        var rng = new SplitMix(options.Seed, round, 7);
        var parts = new Gradients[Partitions];
        for (var p = 0; p < parts.Length; p++)
        {
            parts[p] = new Gradients(model);
        }

        var adam = new Adam(model.Parameters);
        var order = Enumerable.Range(0, n).ToArray();
        var steps = epochs * ((n + options.BatchSize - 1) / options.BatchSize);
        var step = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            for (var start = 0; start < n; start += options.BatchSize)
            {
                var count = Math.Min(options.BatchSize, n - start);
                var half = (count + 1) / 2;
                Parallel.For(0, Partitions, p =>
                {
                    var from = start + p * half;
                    var to = Math.Min(start + count, from + half);
                    parts[p].Accumulate(model, x, y, weight, positiveWeights, order, from, Math.Max(0, to - from));
                });

                // Fixed order (part 0 + part 1), so the sum does not depend on which thread finished first.
                var total = parts[0].Values;
                for (var p = 1; p < parts.Length; p++)
                {
                    for (var k = 0; k < total.Length; k++)
                    {
                        AddScaled(total[k], 0, parts[p].Values[k], 0, total[k].Length, 1f);
                    }
                }

                var inverse = 1f / count;
                for (var k = 0; k < total.Length; k++)
                {
                    // Weights (even entries) are decayed, biases (odd entries) are not.
                    Finish(total[k], k % 2 == 0 ? model.Parameters[k] : null, inverse, k % 2 == 0 ? options.WeightDecay : 0);
                }

                var rate = options.LearningRate * (0.1f + 0.45f * (1 + MathF.Cos(MathF.PI * step / steps)));
                adam.Step(rate, total);
                step++;
            }
        }

        return model;
    }

    /// <summary>Two halves of every mini-batch are differentiated in parallel.</summary>
    private const int Partitions = 2;

    /// <summary>The head's parameters during training: w1, b1 and, with a hidden layer, w2, b2.</summary>
    private sealed class Layers(int features, int width, float[] w1, float[] b1, float[]? w2, float[]? b2)
    {
        public static Layers Initial(int features, StyleTrainerOptions options)
        {
            var hidden = options.HiddenUnits;
            var width = hidden > 0 ? hidden : K;
            var w1 = new float[features * width];
            if (hidden == 0)
            {
                return new Layers(features, width, w1, new float[width], null, null);
            }

            var rng = new SplitMix(options.Seed, 0, 11);
            var s1 = MathF.Sqrt(2f / features);
            for (var i = 0; i < w1.Length; i++)
            {
                w1[i] = rng.NextGaussian() * s1;
            }

            var w2 = new float[hidden * K];
            var s2 = MathF.Sqrt(1f / hidden);
            for (var i = 0; i < w2.Length; i++)
            {
                w2[i] = rng.NextGaussian() * s2;
            }

            return new Layers(features, width, w1, new float[width], w2, new float[K]);
        }

        public Layers Clone() => new(Features, Width, (float[])W1.Clone(), (float[])B1.Clone(), (float[]?)W2?.Clone(), (float[]?)B2?.Clone());

        public StyleHead ToHead(float[] mean, float[] scale) =>
            new(mean, scale, (float[])W1.Clone(), (float[])B1.Clone(), (float[]?)W2?.Clone(), (float[]?)B2?.Clone());

        public int Features { get; } = features;

        public int Width { get; } = width;

        public float[] W1 { get; } = w1;

        public float[] B1 { get; } = b1;

        public float[]? W2 { get; } = w2;

        public float[]? B2 { get; } = b2;

        public float[][] Parameters { get; } = w2 is null ? [w1, b1] : [w1, b1, w2, b2!];
    }

    /// <summary>One partition's gradient sums and scratch space.</summary>
    private sealed class Gradients
    {
        private readonly float[] _h;
        private readonly float[] _o = new float[K];
        private readonly float[] _go = new float[K];
        private readonly float[] _gh;

        public Gradients(Layers model)
        {
            Values = [.. model.Parameters.Select(p => new float[p.Length])];
            _h = new float[model.Width];
            _gh = new float[model.Width];
        }

        public float[][] Values { get; }

        public void Accumulate(Layers model, float[] x, float[] y, float[] weight, float[] positiveWeights, int[] order, int from, int count)
        {
            foreach (var g in Values)
            {
                Array.Clear(g);
            }

            var (features, width, w1, b1, w2) = (model.Features, model.Width, model.W1, model.B1, model.W2);
            var (g1, gb1) = (Values[0], Values[1]);
            for (var b = from; b < from + count; b++)
            {
                var i = order[b];
                var xi = i * features;

                // Forward: the first layer (the logits, or the hidden layer), then the second if there is one.
                Array.Copy(b1, _h, width);
                for (var f = 0; f < features; f++)
                {
                    var v = x[xi + f];
                    if (v != 0)
                    {
                        AddScaled(_h, 0, w1, f * width, width, v);
                    }
                }

                if (w2 is not null)
                {
                    for (var j = 0; j < width; j++)
                    {
                        _h[j] = MathF.Max(0, _h[j]);
                    }

                    Array.Copy(model.B2!, _o, K);
                    for (var j = 0; j < width; j++)
                    {
                        if (_h[j] != 0)
                        {
                            AddScaled(_o, 0, w2, j * K, K, _h[j]);
                        }
                    }
                }
                else
                {
                    Array.Copy(_h, _o, K);
                }

                // dLoss/dz of the weighted BCE: σ(z)·(w·y + 1 − y) − w·y, times the (mask) weight.
                for (var s = 0; s < K; s++)
                {
                    var target = y[i * K + s];
                    var pw = positiveWeights[s] * target;
                    var p = 1f / (1f + MathF.Exp(-_o[s]));
                    _go[s] = weight[i * K + s] * (p * (pw + 1 - target) - pw);
                }

                var gFirst = _go;
                if (w2 is not null)
                {
                    var (g2, gb2) = (Values[2], Values[3]);
                    for (var j = 0; j < width; j++)
                    {
                        var v = _h[j];
                        AddScaled(g2, j * K, _go, 0, K, v);
                        var back = 0f;
                        for (var s = 0; s < K; s++)
                        {
                            back += w2[j * K + s] * _go[s];
                        }

                        _gh[j] = v > 0 ? back : 0;
                    }

                    AddScaled(gb2, 0, _go, 0, K, 1f);
                    gFirst = _gh;
                }

                for (var f = 0; f < features; f++)
                {
                    var v = x[xi + f];
                    if (v != 0)
                    {
                        AddScaled(g1, f * width, gFirst, 0, width, v);
                    }
                }

                AddScaled(gb1, 0, gFirst, 0, width, 1f);
            }
        }
    }

    // y[yo..] += a·x[xo..], one scalar multiply and one add per element in index order (no vectors, no fused
    // multiply-add), so the trained head is the same bit for bit on any x64 or Arm CPU. Arrays with offsets rather
    // than spans: this loop is the trainer's whole cost, and it stays fast in Debug builds too.
    private static void AddScaled(float[] y, int yo, float[] x, int xo, int length, float a)
    {
        for (var i = 0; i < length; i++)
        {
            y[yo + i] += a * x[xo + i];
        }
    }

    private static void Finish(float[] gradient, float[]? weights, float inverse, float decay)
    {
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = gradient[i] * inverse + (weights is null ? 0 : decay * weights[i]);
        }
    }

    private static (float[] Mean, float[] Scale) Standardisation(IReadOnlyList<float[]> rows, int features)
    {
        var mean = new double[features];
        var square = new double[features];
        foreach (var row in rows)
        {
            for (var f = 0; f < features; f++)
            {
                mean[f] += row[f];
                square[f] += (double)row[f] * row[f];
            }
        }

        var m = new float[features];
        var s = new float[features];
        for (var f = 0; f < features; f++)
        {
            var mu = mean[f] / rows.Count;
            var variance = Math.Max(0, square[f] / rows.Count - mu * mu);
            m[f] = (float)mu;

            // A constant feature is left at zero instead of being blown up.
            s[f] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 0f;
        }

        return (m, s);
    }

    private static float[] Standardise(IReadOnlyList<float[]> rows, float[] mean, float[] scale)
    {
        var features = mean.Length;
        var x = new float[rows.Count * features];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var f = 0; f < features; f++)
            {
                x[i * features + f] = (rows[i][f] - mean[f]) * scale[f];
            }
        }

        return x;
    }

    /// <summary>Adam over a fixed list of parameter arrays, updated in place.</summary>
    private sealed class Adam(float[][] parameters)
    {
        private const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;
        private readonly float[][] _m = [.. parameters.Select(p => new float[p.Length])];
        private readonly float[][] _v = [.. parameters.Select(p => new float[p.Length])];
        private int _t;

        public void Step(float rate, float[][] gradients)
        {
            _t++;
            var c1 = 1 - MathF.Pow(Beta1, _t);
            var c2 = 1 - MathF.Pow(Beta2, _t);
            for (var k = 0; k < parameters.Length; k++)
            {
                var p = parameters[k];
                var g = gradients[k];
                var m = _m[k];
                var v = _v[k];
                for (var i = 0; i < p.Length; i++)
                {
                    m[i] = Beta1 * m[i] + (1 - Beta1) * g[i];
                    v[i] = Beta2 * v[i] + (1 - Beta2) * g[i] * g[i];
                    p[i] -= rate * (m[i] / c1) / (MathF.Sqrt(v[i] / c2) + Epsilon);
                }
            }
        }
    }
}
