using System.Collections.Frozen;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The 23 K-Fashion styles in the index order that every style vector uses (docs/styles.md, GET /api/v1/styles).
/// Never reorder: a new order is a new, versioned taxonomy.
/// </summary>
public static class StyleTaxonomy
{
    public const int Count = 23;

    public static IReadOnlyList<Style> All { get; } =
    [
        new(0, "classic", "클래식", "traditional"),
        new(1, "preppy", "프레피", "traditional"),
        new(2, "mannish", "매니시", "mannish"),
        new(3, "tomboy", "톰보이", "mannish"),
        new(4, "feminine", "페미닌", "feminine"),
        new(5, "romantic", "로맨틱", "feminine"),
        new(6, "sexy", "섹시", "feminine"),
        new(7, "hippie", "히피", "ethnic"),
        new(8, "western", "웨스턴", "ethnic"),
        new(9, "oriental", "오리엔탈", "ethnic"),
        new(10, "modern", "모던", "contemporary"),
        new(11, "sophisticated", "소피스트케이티드", "contemporary"),
        new(12, "avantgarde", "아방가르드", "contemporary"),
        new(13, "country", "컨트리", "natural"),
        new(14, "resort", "리조트", "natural"),
        new(15, "genderless", "젠더리스", "genderfluid"),
        new(16, "sporty", "스포티", "sporty"),
        new(17, "retro", "레트로", "subculture"),
        new(18, "kitsch", "키치/키덜트", "subculture"),
        new(19, "hiphop", "힙합", "subculture"),
        new(20, "punk", "펑크", "subculture"),
        new(21, "military", "밀리터리", "casual"),
        new(22, "street", "스트리트", "casual"),
    ];

    private static readonly FrozenDictionary<string, int> IndexByKey =
        All.ToFrozenDictionary(s => s.Key, s => s.Index, StringComparer.OrdinalIgnoreCase);

    public static bool TryGetIndex(string? key, out int index)
    {
        index = -1;
        return key is not null && IndexByKey.TryGetValue(key, out index);
    }

    public static string KeyOf(int index) => All[index].Key;

    /// <summary>Indexes of the styles that share a group with <paramref name="index"/>, itself included.</summary>
    public static IEnumerable<int> GroupOf(int index) =>
        All.Where(s => s.Group == All[index].Group).Select(s => s.Index);
}
