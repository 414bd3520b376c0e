using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Contracts;

namespace TitleReview.Certificate.Features.Pdf;

/// <summary>
/// The electronic title certificate (职称电子证书): A4 landscape, every value in the embedded CJK font, a QR code to the
/// verification page, and the committee's digital signature over the whole file.
/// </summary>
public static class CertificatePdf
{
    public static string VerificationUrl(string publicBaseUrl, CertificateRecord certificate) =>
        $"{publicBaseUrl.TrimEnd('/')}/certificates/verify?number={Uri.EscapeDataString(certificate.Number)}&code={Uri.EscapeDataString(certificate.VerificationCode)}";

    public static byte[] Render(CertificateRecord certificate, string publicBaseUrl, CommitteeSignature signature)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"职称电子证书 {certificate.Number}";
        document.Info.Creator = "TitleReview";
        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Landscape;
        var width = page.Width.Point;
        var height = page.Height.Point;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var canvas = new PdfCanvas(graphics);
            canvas.Box(24, 24, width - 48, height - 48, 2.5);
            canvas.Box(32, 32, width - 64, height - 64, 0.8);
            canvas.DevelopmentNotice(signature, 52, width);
            canvas.Centered("专业技术资格证书", 30, 92, width, bold: true);
            canvas.Centered("职称电子证书", 15, 120, width);

            string[][] rows =
            [
                ["姓　　名", certificate.HolderName],
                ["资格名称", certificate.Level.TitleName()],
                ["级　　别", certificate.Level.Grade()],
                ["专　　业", $"{certificate.Series} · {certificate.Specialty}"],
                ["评审委员会", certificate.CommitteeName],
                ["评审通过时间", Date(certificate.DecisionDate)],
                ["发证日期", Date(certificate.IssueDate)],
                ["证书编号", certificate.Number],
                ["验 证 码", certificate.VerificationCode],
            ];
            var y = 170.0;
            foreach (var row in rows)
            {
                canvas.Text(row[0], 13, 80, y, bold: true);
                canvas.Text(row[1], 13, 190, y);
                y += 30;
            }

            var url = VerificationUrl(publicBaseUrl, certificate);
            canvas.QrCode(url, width - 240, 180, 160);
            canvas.Text("扫码查验证书真伪", 11, width - 212, 356);
            canvas.Centered($"查验：{publicBaseUrl.TrimEnd('/')}/certificates/verify（证书编号 + 姓名或验证码）", 9, height - 52, width);
            if (certificate.RevokedAt is { } revoked)
            {
                canvas.Centered($"已撤销（{revoked.ToOffset(TitleReview.Domain.WorkingDays.ChinaTime.Offset):yyyy年M月d日}）", 36, height / 2 + 20, width, bold: true, brush: XBrushes.Red);
            }
        }

        signature.Sign(document, $"职称电子证书 {certificate.Number}");
        return PdfCanvas.Save(document);
    }

    internal static string Date(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
