namespace TitleReview.Domain;

/// <summary>
/// One message in Chinese and English, kept as two fields: officers' pages show the Chinese, problem+json carries
/// both, and nobody splits a "中文 / English" string apart again.
/// </summary>
public readonly record struct Bilingual(string Chinese, string English)
{
    /// <summary>The joined form problem+json has always used ("中文 / English").</summary>
    public override string ToString() => $"{Chinese} / {English}";
}
