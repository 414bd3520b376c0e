namespace TitleReview.Contracts.Applications;

/// <summary>The values the portal may send for each choice in a <see cref="Dossier"/>, with the Chinese the notice uses.</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyDictionary<string, string> Residency = new Dictionary<string, string>
    {
        ["Mainland"] = "内地（大陆）居民",
        ["HongKongMacauTaiwan"] = "港澳台专业技术人才",
        ["Foreign"] = "外籍人员",
    };

    /// <summary>一(二): the permits a foreign applicant must hold.</summary>
    public static readonly IReadOnlyDictionary<string, string> ForeignPermit = new Dictionary<string, string>
    {
        ["WorkPermit"] = "外国人来华工作许可证",
        ["PermanentResidence"] = "外国人永久居留身份证",
        ["OverseasTalentResidence"] = "海外高层次人才居住证",
    };

    /// <summary>三(一): level by level, direct application, or a private enterprise's young talent applying for 中级.</summary>
    public static readonly IReadOnlyDictionary<string, string> Route = new Dictionary<string, string>
    {
        ["Standard"] = "逐级申报",
        ["Direct"] = "直接申报（海外归国、高层次和急需紧缺人才、党政机关交流或部队转业）",
        ["PrivateEnterpriseYoungTalent"] = "民营企业优秀青年人才直接申报中级",
    };

    public static readonly IReadOnlyDictionary<string, string> EducationLevel = new Dictionary<string, string>
    {
        ["Doctorate"] = "博士研究生",
        ["Master"] = "硕士研究生",

        // 人社部发〔2019〕16号 puts 第二学士学位 beside 硕士学位 (助理工程师 directly, 工程师 after 助理工程师 + 2 years).
        ["SecondBachelor"] = "第二学士学位",
        ["Bachelor"] = "大学本科",
        ["College"] = "大学专科",
        ["Secondary"] = "中专",
    };

    /// <summary>四(二): how the education is proven.</summary>
    public static readonly IReadOnlyDictionary<string, string> EducationEvidence = new Dictionary<string, string>
    {
        ["Chsi"] = "学信网可查验",
        ["ForeignCertified"] = "国（境）外学历，教育部留学服务中心认证书",
        ["Military"] = "军队院校学历（转业审批报告表、退出现役登记表等）",
        ["TechnicalSchool"] = "技工院校",
        ["ArchiveRecord"] = "学历证书原件或档案中的毕业生登记表",
    };

    /// <summary>四(二): 中级工班、高级工班、预备技师（技师）班 count as 中专、大专、本科.</summary>
    public static readonly IReadOnlyDictionary<string, string> TechnicalSchoolEquivalent = new Dictionary<string, string>
    {
        ["Intermediate"] = "Secondary",
        ["Advanced"] = "College",
        ["PreparatoryTechnician"] = "Bachelor",
    };

    public static readonly IReadOnlyDictionary<string, string> CurrentTitleLevel = new Dictionary<string, string>
    {
        ["None"] = "无",
        [nameof(TitleLevel.Technician)] = "技术员",
        [nameof(TitleLevel.AssistantEngineer)] = "助理工程师",
        [nameof(TitleLevel.Engineer)] = "工程师",
    };

    public static readonly IReadOnlyDictionary<string, string> PatentKind = new Dictionary<string, string>
    {
        ["Invention"] = "发明专利",
        ["UtilityModel"] = "实用新型",
        ["Design"] = "外观设计",
    };

    public const string TechnicalSummaryReport = "TechnicalSummaryReport";

    /// <summary>四(三): what may be submitted as an academic output.</summary>
    public static readonly IReadOnlyDictionary<string, string> OutputKind = new Dictionary<string, string>
    {
        [TechnicalSummaryReport] = "技术总结报告",
        ["Paper"] = "论文",
        ["ResearchReport"] = "专项研究报告、技术分析、立项研究（论证）报告",
        ["Monograph"] = "论（译）著",
    };

    /// <summary>四(三): 不可作为论文申报.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExcludedOutputKind = new Dictionary<string, string>
    {
        ["Thesis"] = "大学毕业或学位论文",
        ["DesignSpecification"] = "项目（工程）设计说明书",
        ["ProductManual"] = "产品说明书",
        ["FeasibilityStudy"] = "可行性研究",
        ["ProjectProposal"] = "立项申请",
        ["ClosingReport"] = "结题报告",
        ["ProjectTechnicalReport"] = "项目技术报告",
        ["TestReport"] = "测试报告",
        ["ProductStandard"] = "产品标准",
        ["PatentApplication"] = "专利申请报告",
    };

    /// <summary>二(十三)2: 考核结果分为优秀、合格、不合格.</summary>
    public static readonly IReadOnlyList<string> AssessmentResult = ["优秀", "合格", "不合格"];

    public const string Chinese = "zh";
}
