namespace TitleReview.BackOffice.Components;

/// <summary>What a status means to the person reading it; each tone has its colour and its mark, never colour alone.</summary>
public enum Tone
{
    Neutral,
    Info,
    Success,
    Warning,
    Danger,
}
