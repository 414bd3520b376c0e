namespace TitleReview.BackOffice.Components;

public enum BannerKind
{
    Info,
    Success,
    Error,
}
