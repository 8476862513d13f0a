namespace NewsPipeline.Cli.Output;

/// <summary>Progress on stderr for long work, only when stderr is a terminal (DESIGN §4).</summary>
internal sealed class Progress(string label, int total)
{
    private readonly bool visible = !Console.IsErrorRedirected;
    private int done;

    public void Step()
    {
        var now = Interlocked.Increment(ref done);
        if (visible && (now == total || now % 10 == 0))
        {
            Console.Error.Write($"\r{label}: {now}/{total}");
            if (now == total)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
