namespace TitleReview.Contracts;

/// <summary>The title levels this committee accepts (notice: 中级 and 初级 of the engineering series).</summary>
public enum TitleLevel
{
    /// <summary>中级 工程师</summary>
    Engineer = 1,

    /// <summary>初级 助理工程师</summary>
    AssistantEngineer = 2,

    /// <summary>初级 技术员</summary>
    Technician = 3,
}

public static class TitleLevelNames
{
    public static string Chinese(this TitleLevel level) => level switch
    {
        TitleLevel.Engineer => "工程师（中级）",
        TitleLevel.AssistantEngineer => "助理工程师（初级）",
        TitleLevel.Technician => "技术员（初级）",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown title level"),
    };

    /// <summary>The title as a certificate names it (资格名称).</summary>
    public static string TitleName(this TitleLevel level) => level switch
    {
        TitleLevel.Engineer => "工程师",
        TitleLevel.AssistantEngineer => "助理工程师",
        TitleLevel.Technician => "技术员",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown title level"),
    };

    /// <summary>The grade (级别): 中级 or 初级.</summary>
    public static string Grade(this TitleLevel level) => level == TitleLevel.Engineer ? "中级" : "初级";
}
