using System.Text;

namespace NewsPipeline.Content.Text;

/// <summary>
/// Accumulates the text of one block the way a browser lays it out: whitespace runs collapse to one space,
/// except between two CJK characters, where a source line break is not a word gap and is dropped.
/// </summary>
internal sealed class ParagraphBuilder
{
    private readonly StringBuilder _text = new();
    private bool _pendingSpace;
    private int _linkWeight;
    private int _weight;

    public bool IsEmpty => _text.Length == 0;

    public void Append(string data, bool preformatted, bool inLink)
    {
        if (preformatted)
        {
            FlushPendingSpace(data.Length > 0 ? data[0] : ' ');
            _text.Append(data.Replace("\r\n", "\n", StringComparison.Ordinal));
            Count(data, inLink);
            return;
        }

        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) || c == '\u200B')
            {
                _pendingSpace = _text.Length > 0;
                continue;
            }

            FlushPendingSpace(c);
            _text.Append(c);
        }

        Count(data, inLink);
    }

    /// <summary>A cell boundary: always a space, even between CJK cells.</summary>
    public void Separate()
    {
        if (_text.Length > 0)
        {
            _pendingSpace = false;
            if (_text[^1] != ' ' && _text[^1] != '\n')
            {
                _text.Append(' ');
            }
        }
    }

    /// <summary>A &lt;br&gt;: a line break inside the block.</summary>
    public void LineBreak()
    {
        _pendingSpace = false;
        if (_text.Length > 0 && _text[^1] != '\n')
        {
            TrimTrailingSpace();
            _text.Append('\n');
        }
    }

    /// <summary>Whether the block already ends in a line break (so a second &lt;br&gt; means a new paragraph).</summary>
    public bool EndsWithLineBreak => _text.Length > 0 && _text[^1] == '\n';

    /// <summary>Returns the block's text and measures, and starts a new block.</summary>
    public (string Text, int Weight, int LinkWeight) Take()
    {
        TrimTrailingSpace();
        while (_text.Length > 0 && _text[^1] == '\n')
        {
            _text.Length--;
            TrimTrailingSpace();
        }

        var result = (_text.ToString().Trim(), _weight, _linkWeight);
        _text.Clear();
        _pendingSpace = false;
        _weight = 0;
        _linkWeight = 0;
        return result;
    }

    private void Count(string data, bool inLink)
    {
        var weight = TextMeasure.Weigh(data);
        _weight += weight;
        if (inLink)
        {
            _linkWeight += weight;
        }
    }

    private void FlushPendingSpace(char next)
    {
        if (!_pendingSpace)
        {
            return;
        }

        _pendingSpace = false;
        if (_text.Length == 0)
        {
            return;
        }

        var previous = _text[^1];
        if (previous is ' ' or '\n' || (TextMeasure.IsCjk(previous) && TextMeasure.IsCjk(next)))
        {
            return;
        }

        _text.Append(' ');
    }

    private void TrimTrailingSpace()
    {
        while (_text.Length > 0 && _text[^1] == ' ')
        {
            _text.Length--;
        }
    }
}
