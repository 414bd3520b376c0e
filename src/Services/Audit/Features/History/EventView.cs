using System.Globalization;
using System.Text.Json;

namespace TitleReview.Audit.Features.History;

/// <summary>One event as an auditor reads it: the data exactly as stored, beside who, when and because of what.</summary>
public sealed record EventView(
    long Sequence,
    long Version,
    Guid EventId,
    string Type,
    DateTimeOffset Timestamp,
    string? UserId,
    string? Role,
    string? Service,
    string? CorrelationId,
    string? CausationId,
    JsonElement Data)
{
    public static EventView Of(LedgerEvent e)
    {
        using var data = JsonDocument.Parse(e.DataUtf8);
        return new EventView(e.Sequence, e.Version, e.EventId, e.Type, e.Timestamp, e.UserId, e.Role, e.Service, e.CorrelationId, e.CausationId, data.RootElement.Clone());
    }

    public static readonly string[] CsvHeader = ["全局序号", "版本", "事件编号", "事件类型", "时间(UTC)", "操作人", "角色", "写入服务", "关联编号", "起因编号", "数据"];

    public IReadOnlyList<string> CsvRow() =>
    [
        Sequence.ToString(CultureInfo.InvariantCulture), Version.ToString(CultureInfo.InvariantCulture), EventId.ToString(), Type,
        Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        UserId ?? "", Role ?? "", Service ?? "", CorrelationId ?? "", CausationId ?? "", Data.GetRawText(),
    ];
}
