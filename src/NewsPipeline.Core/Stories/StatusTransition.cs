using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Stories;

/// <summary>
/// Which status changes of a deal are news. A deal moves forward from rumour through talks and plans to a fact,
/// and may then be denied or ended. A later report that only looks back ("the talks that led to the contract")
/// does not move it backwards, and once denied or ended only the other terminal status moves it.
/// </summary>
public static class StatusTransition
{
    public static bool Matters(EventStatus current, EventStatus reported)
    {
        if (current == reported)
        {
            return false;
        }

        if (IsTerminal(reported))
        {
            return true;
        }

        return !IsTerminal(current) && Progress(reported) > Progress(current);
    }

    private static bool IsTerminal(EventStatus status) => status is EventStatus.Denied or EventStatus.Ended;

    private static int Progress(EventStatus status) => status switch
    {
        EventStatus.Rumoured => 0,
        EventStatus.Talks => 1,
        EventStatus.Planned => 2,
        _ => 3,
    };
}
