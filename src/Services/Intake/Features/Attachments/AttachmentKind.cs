using System.IO.Compression;
using System.Text;
using TitleReview.Domain;
using TitleReview.Web.Http;

namespace TitleReview.Intake.Features.Attachments;

/// <summary>
/// What a file is, decided by its bytes, never its name (评审填报须知 一2): photos JPEG, summaries, reports and papers
/// DOC or DOCX, every other piece of evidence PDF.
/// </summary>
public enum AttachmentKind
{
    Jpeg,
    Doc,
    Docx,
    Pdf,
}

public static class AttachmentKinds
{
    public static string Chinese(this AttachmentKind kind) => kind switch
    {
        AttachmentKind.Jpeg => "JPG 照片",
        AttachmentKind.Doc => "DOC 文档",
        AttachmentKind.Docx => "DOCX 文档",
        _ => "PDF 文件",
    };

    public static string MediaType(this AttachmentKind kind) => kind switch
    {
        AttachmentKind.Jpeg => "image/jpeg",
        AttachmentKind.Doc => "application/msword",
        AttachmentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/pdf",
    };

    public static string Extension(this AttachmentKind kind) => kind switch
    {
        AttachmentKind.Jpeg => ".jpg",
        AttachmentKind.Doc => ".doc",
        AttachmentKind.Docx => ".docx",
        _ => ".pdf",
    };

    private static readonly byte[] OleCompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>An OLE compound file is a Word document only when it holds a "WordDocument" stream (Excel and others share the header).</summary>
    private static readonly byte[] WordDocumentStreamName = Encoding.Unicode.GetBytes("WordDocument");

    /// <summary>The kind of <paramref name="content"/>, or a reason in Chinese and English why it is none of them.</summary>
    public static (AttachmentKind? Kind, Bilingual? Reason) Sniff(ReadOnlySpan<byte> content, long maxUnpackedDocxBytes)
    {
        if (FileSignatures.IsJpeg(content))
        {
            return (AttachmentKind.Jpeg, null);
        }

        if (FileSignatures.IsPdf(content))
        {
            // A real PDF ends with its %%EOF marker (possibly followed by a line end); a truncated upload does not.
            var tail = content[Math.Max(0, content.Length - 1024)..];
            return tail.IndexOf("%%EOF"u8) >= 0
                ? (AttachmentKind.Pdf, null)
                : (null, new Bilingual("PDF 文件不完整（缺少文件结束标记），请重新导出后上传。", "The PDF is truncated (no %%EOF marker)."));
        }

        if (content.StartsWith(OleCompoundFile))
        {
            return content.IndexOf(WordDocumentStreamName) >= 0
                ? (AttachmentKind.Doc, null)
                : (null, new Bilingual("该 Office 文件不是 Word 文档。", "The Office file is not a Word document."));
        }

        if (content.StartsWith(Zip))
        {
            return CheckDocx(content.ToArray(), maxUnpackedDocxBytes);
        }

        return (null, new Bilingual("文件类型无法识别：照片须为 JPG，总结、报告、论文须为 DOC/DOCX，其他材料须为 PDF（按文件内容判断，与文件名无关）。",
            "Unrecognised content: photos must be JPEG, summaries/reports/papers DOC or DOCX, other evidence PDF (judged by content, not name)."));
    }

    /// <summary>
    /// A DOCX is a zip with word/document.xml. Every entry is really inflated, counting the bytes, because a zip's
    /// own size fields can lie: a zip bomb stops at the limit instead of filling the server's memory or disk.
    /// </summary>
    private static (AttachmentKind? Kind, Bilingual? Reason) CheckDocx(byte[] content, long maxUnpackedBytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.Entries.Count > 2000)
            {
                return (null, new Bilingual("DOCX 文件内部条目过多，疑似压缩炸弹，已拒绝。", "The DOCX has too many entries (possible zip bomb)."));
            }

            if (zip.GetEntry("word/document.xml") is null || zip.GetEntry("[Content_Types].xml") is null)
            {
                return (null, new Bilingual("该压缩文件不是 Word（DOCX）文档。", "The zip file is not a Word (DOCX) document."));
            }

            long unpacked = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    unpacked += read;
                    if (unpacked > maxUnpackedBytes)
                    {
                        return (null, new Bilingual($"DOCX 文件解压后超过 {maxUnpackedBytes / 1024 / 1024} MB，疑似压缩炸弹，已拒绝。",
                            $"The DOCX unpacks to more than {maxUnpackedBytes / 1024 / 1024} MB (possible zip bomb)."));
                    }
                }
            }

            return (AttachmentKind.Docx, null);
        }
        catch (InvalidDataException)
        {
            return (null, new Bilingual("DOCX 文件已损坏，无法打开。", "The DOCX file is damaged."));
        }
    }
}
