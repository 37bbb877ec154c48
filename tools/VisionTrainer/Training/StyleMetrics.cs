using OtMz.Vision.Model;

namespace OtMz.VisionTrainer.Training;

/// <summary>
/// Multi-label metrics of style predictions against true labels. A style is predicted when its probability is at
/// least <see cref="Threshold"/>.
/// <list type="bullet">
/// <item><see cref="Top1Accuracy"/>: the share of pictures whose most probable style is one of their true styles
/// (the "accuracy" of the reports).</item>
/// <item><see cref="Top3Accuracy"/>: the share whose three most probable styles include a true style.</item>
/// <item><see cref="ExactMatch"/>: the predicted set equals the true set. <see cref="HammingAccuracy"/>: the share of
/// (picture, style) decisions that are right.</item>
/// <item>Micro F1 pools every decision; macro F1 averages the per-style F1 over styles with at least one true
/// label in the split. <see cref="MinorityRecall"/> averages recall over the given minority styles that have a
/// true label in the split.</item>
/// </list>
/// </summary>
public sealed record StyleMetrics(
    int Count,
    float Threshold,
    float Top1Accuracy,
    float Top3Accuracy,
    float ExactMatch,
    float HammingAccuracy,
    float MicroF1,
    float MacroF1,
    float MinorityRecall,
    IReadOnlyList<float> Recall,
    IReadOnlyList<float> Precision,
    IReadOnlyList<int> Support)
{
    public static StyleMetrics Evaluate(StyleHead head, StyleSplit split, IReadOnlyList<int> minority, float threshold = 0.5f)
    {
        var probabilities = new float[split.Count][];
        for (var i = 0; i < split.Count; i++)
        {
            probabilities[i] = head.Probabilities(split.Features[i]);
        }

        return Evaluate(probabilities, split.Labels, minority, threshold);
    }

    public static StyleMetrics Evaluate(IReadOnlyList<float[]> probabilities, IReadOnlyList<bool[]> labels, IReadOnlyList<int> minority, float threshold = 0.5f)
    {
        const int k = StyleModelContract.StyleCount;
        var tp = new int[k];
        var fp = new int[k];
        var fn = new int[k];
        int top1 = 0, top3 = 0, exact = 0, rightDecisions = 0;
        var n = probabilities.Count;
        for (var i = 0; i < n; i++)
        {
            var p = probabilities[i];
            var y = labels[i];
            var allRight = true;
            for (var s = 0; s < k; s++)
            {
                var predicted = p[s] >= threshold;
                if (predicted && y[s])
                {
                    tp[s]++;
                }
                else if (predicted)
                {
                    fp[s]++;
                }
                else if (y[s])
                {
                    fn[s]++;
                }

                if (predicted == y[s])
                {
                    rightDecisions++;
                }
                else
                {
                    allRight = false;
                }
            }

            exact += allRight ? 1 : 0;
            var ranked = Enumerable.Range(0, k).OrderByDescending(s => p[s]).ThenBy(s => s).Take(3).ToArray();
            top1 += y[ranked[0]] ? 1 : 0;
            top3 += ranked.Any(s => y[s]) ? 1 : 0;
        }

        var recall = new float[k];
        var precision = new float[k];
        var support = new int[k];
        var f1Sum = 0f;
        var supported = 0;
        for (var s = 0; s < k; s++)
        {
            support[s] = tp[s] + fn[s];
            recall[s] = support[s] > 0 ? (float)tp[s] / support[s] : float.NaN;
            precision[s] = tp[s] + fp[s] > 0 ? (float)tp[s] / (tp[s] + fp[s]) : float.NaN;
            if (support[s] > 0)
            {
                f1Sum += 2f * tp[s] / (2 * tp[s] + fp[s] + fn[s]);
                supported++;
            }
        }

        var minorityRecall = minority.Where(s => support[s] > 0).Select(s => recall[s]).DefaultIfEmpty(float.NaN).Average();
        var tpAll = tp.Sum();
        var denominator = 2 * tpAll + fp.Sum() + fn.Sum();
        return new StyleMetrics(
            n,
            threshold,
            Share(top1, n),
            Share(top3, n),
            Share(exact, n),
            Share(rightDecisions, n * k),
            denominator > 0 ? 2f * tpAll / denominator : 0f,
            supported > 0 ? f1Sum / supported : float.NaN,
            minorityRecall,
            recall,
            precision,
            support);
    }

    private static float Share(int count, int total) => total > 0 ? (float)count / total : float.NaN;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"n={Count} top1={Top1Accuracy:F4} top3={Top3Accuracy:F4} microF1={MicroF1:F4} macroF1={MacroF1:F4} minorityRecall={MinorityRecall:F4} exact={ExactMatch:F4} hamming={HammingAccuracy:F4}");
}
