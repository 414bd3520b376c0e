using System.Globalization;
using PdfSharp;
using PdfSharp.Pdf;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Contracts;
using TitleReview.Contracts.Applications;
using TitleReview.Domain.Cycles;

namespace TitleReview.Certificate.Features.Pdf;

/// <summary>
/// The 评审申报表 a passed applicant prints (notice 二(一)): what the ledger recorded of the application and its review,
/// with the box for the unit's seal (单位审核意见) and the line for the applicant's signature (本人签字), then a summary of
/// the modules the applicant submitted. Signed by the committee like the certificate.
/// </summary>
public static class ApplicationFormPdf
{
    public static byte[] Render(CertificateRecord certificate, Dossier? dossier, ReviewCycle? cycle, CommitteeSignature signature)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"评审申报表 {certificate.HolderName} {certificate.Number}";
        document.Info.Creator = "TitleReview";
        var page = document.AddPage();
        page.Size = PageSize.A4;
        var width = page.Width.Point;
        using (var graphics = PdfSharp.Drawing.XGraphics.FromPdfPage(page))
        {
            var canvas = new PdfCanvas(graphics);
            canvas.DevelopmentNotice(signature, 40, width);
            canvas.Centered("专业技术资格评审申报表", 22, 70, width, bold: true);
            canvas.Centered($"{certificate.CommitteeName}{(cycle is null ? "" : $" · {cycle.Year} 年度")}", 11, 94, width);

            string[][] rows =
            [
                ["姓名", certificate.HolderName],
                ["工作单位", certificate.Employer],
                ["申报系列", certificate.Series],
                ["申报专业", certificate.Specialty],
                ["申报资格", $"{certificate.Level.TitleName()}（{certificate.Level.Grade()}）"],
                ["网上提交时间", Moment(certificate.SubmittedAt)],
                ["网上终审通过", certificate.FinalApprovedAt is { } approved ? Moment(approved) : ""],
                ["评审公示期", certificate.PublicityStart is { } start && certificate.PublicityEnd is { } end ? $"{CertificatePdf.Date(start)} 至 {CertificatePdf.Date(end)}" : ""],
                ["评委会集中评审", $"{CertificatePdf.Date(certificate.DecisionDate)}；委员 {certificate.MembersTotal} 人，出席 {certificate.MembersPresent} 人；赞成 {certificate.VotesFor}，反对 {certificate.VotesAgainst}，弃权 {certificate.Abstentions}"],
                ["评审结果", $"通过；证书编号 {certificate.Number}"],
            ];
            const double left = 50, labelWidth = 120, rowHeight = 30;
            var tableWidth = width - 2 * left;
            var y = 120.0;
            foreach (var row in rows)
            {
                canvas.Box(left, y, labelWidth, rowHeight);
                canvas.Box(left + labelWidth, y, tableWidth - labelWidth, rowHeight);
                canvas.Text(row[0], 11, left + 8, y + 19, bold: true);
                canvas.Text(row[1], row[1].Length > 40 ? 9 : 11, left + labelWidth + 8, y + 19);
                y += rowHeight;
            }

            y += 20;
            canvas.Box(left, y, tableWidth, 170);
            canvas.Text("单位审核意见", 12, left + 8, y + 22, bold: true);
            canvas.Text("（单位盖章）", 11, left + tableWidth - 150, y + 130);
            canvas.Text("年　　月　　日", 11, left + tableWidth - 150, y + 155);

            y += 190;
            canvas.Box(left, y, tableWidth, 90);
            canvas.Text("本人承诺：所填报信息及提交材料真实、准确、完整，如有虚假，愿承担相应责任。", 11, left + 8, y + 24);
            canvas.Text("本人签字：____________________　　日期：______年____月____日", 11, left + 8, y + 66);

            canvas.Text("说明：评审通过人员打印本表，在“单位审核意见”处加盖单位章、“本人签字”处签名后放入个人档案保存。", 9, left, y + 120);
        }

        if (dossier is not null)
        {
            DossierPages(document, certificate, dossier);
        }

        signature.Sign(document, $"评审申报表 {certificate.Number}");
        return PdfCanvas.Save(document);
    }

    /// <summary>
    /// 申报材料摘要: the modules as the applicant last submitted them (schema v2), one line each, on as many pages as
    /// they need. Attachments are named by kind, not embedded: the originals stay in Intake.
    /// </summary>
    private static void DossierPages(PdfDocument document, CertificateRecord certificate, Dossier d)
    {
        static string Day(DateOnly? day) => day is { } value ? CertificatePdf.Date(value) : "—";
        var lines = new List<(bool Heading, string Text)>();
        void Section(string heading, IEnumerable<string> items)
        {
            lines.Add((true, ApplicationModules.Label(heading)));
            var list = items.ToList();
            lines.AddRange(list.Count == 0 ? [(false, "（未填报）")] : list.Select(item => (false, item)));
        }

        Section(ApplicationModules.Education, (d.Education ?? []).Select(e =>
            $"{(e.Level is { } l ? Vocabulary.EducationLevel.GetValueOrDefault(l, l) : e.TechnicalSchoolClass)}　{e.School}　{e.Major}　{Day(e.GraduatedOn)} 毕业"));
        Section(ApplicationModules.Qualifications, new[] { d.Qualifications?.CurrentTitle }.OfType<CurrentTitle>()
            .Select(t => $"现职称：{t.Name ?? t.Level}　{Day(t.ObtainedOn)}{(t.OutOfProvince ? "　外地证书" : "")}")
            .Concat((d.Qualifications?.Industry ?? []).Select(q => $"{q.Name}　{q.Number}　{Day(q.ObtainedOn)}")));
        Section(ApplicationModules.ContinuingEducation, (d.ContinuingEducation ?? []).Select(c => $"{c.Year} 年　{c.Hours} 学时"));
        Section(ApplicationModules.WorkHistory, (d.WorkHistory ?? []).Select(w => $"{Day(w.From)} 至 {Day(w.To)}　{w.Employer}　{w.MainTechnicalWork}"));
        Section(ApplicationModules.Awards, (d.Awards ?? []).Select(a => $"{a.Name}　{Day(a.AwardedOn)}"));
        Section(ApplicationModules.Patents, (d.Patents ?? []).Select(p => $"{p.Title}　{p.Number}"));
        Section(ApplicationModules.Performance, (d.Performance ?? []).Select(p => $"{p.Title}　{Day(p.From)} 至 {Day(p.To)}　{p.Role}"));
        Section(ApplicationModules.AcademicOutputs, (d.AcademicOutputs ?? []).Select(o => $"{o.Title}　{(o.Published ? $"{o.Journal} {Day(o.PublishedOn)}" : $"未发表 {Day(o.WrittenOn)}")}"));
        Section(ApplicationModules.Assessments, (d.Assessments ?? []).Select(a => $"{a.Year} 年度　{a.Result}"));
        Section(ApplicationModules.UnitConsent, d.UnitConsent is { } u ? [$"单位公示 {Day(u.PublicityStart)} 至 {Day(u.PublicityEnd)}　证明出具 {Day(u.ProofIssuedOn)}　考核结果 {u.AssessmentResult}"] : []);

        const double left = 50, top = 70, bottom = 780, lineHeight = 18;
        PdfSharp.Drawing.XGraphics? graphics = null;
        PdfCanvas? canvas = null;
        var y = bottom;
        try
        {
            // Long items wrap onto continuation lines (about 46 characters fit a line at this size), nothing is cut.
            var wrapped = lines.SelectMany(l => l.Heading || l.Text.Length <= 46
                ? [l]
                : l.Text.Chunk(46).Select(chunk => (false, new string(chunk))));
            foreach (var (heading, text) in wrapped)
            {
                if (y + lineHeight * (heading ? 2 : 1) > bottom)
                {
                    graphics?.Dispose();
                    var page = document.AddPage();
                    page.Size = PageSize.A4;
                    graphics = PdfSharp.Drawing.XGraphics.FromPdfPage(page);
                    canvas = new PdfCanvas(graphics);
                    canvas.Centered($"申报材料摘要　{certificate.HolderName}　{certificate.Number}", 14, top - 20, page.Width.Point, bold: true);
                    y = top + 10;
                }

                canvas!.Text(text, heading ? 12 : 10, heading ? left : left + 14, y + (heading ? 6 : 0), bold: heading);
                y += heading ? lineHeight + 6 : lineHeight;
            }
        }
        finally
        {
            graphics?.Dispose();
        }
    }

    private static string Moment(DateTimeOffset moment) =>
        moment.ToOffset(TitleReview.Domain.WorkingDays.ChinaTime.Offset).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);
}
