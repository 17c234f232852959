namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// The order of a scan's blocks (T.81 A.2): a one-component scan goes block by block over that
/// component; an interleaved scan MCU by MCU, each component's H x V blocks in turn; every
/// <c>restartInterval</c> MCUs the coder restarts. Shared by both entropy codings.
/// </summary>
internal static class JpegMcuWalk
{
    public static void Run<TDecoder>(TDecoder decoder, JpegComponent[] components, int mcusWide, int mcusHigh, int restartInterval)
        where TDecoder : IJpegBlockDecoder
    {
        bool single = components.Length == 1;
        int wide = single ? components[0].BlocksWide : mcusWide;
        int high = single ? components[0].BlocksHigh : mcusHigh;
        int untilRestart = restartInterval;
        for (int my = 0; my < high; my++)
        {
            for (int mx = 0; mx < wide; mx++)
            {
                if (restartInterval > 0 && untilRestart-- == 0)
                {
                    decoder.Restart();
                    untilRestart = restartInterval - 1;
                }
                if (single)
                {
                    decoder.DecodeBlock(components[0], my, mx, 0);
                    continue;
                }
                for (int i = 0; i < components.Length; i++)
                {
                    var c = components[i];
                    for (int v = 0; v < c.V; v++)
                        for (int h = 0; h < c.H; h++)
                            decoder.DecodeBlock(c, my * c.V + v, mx * c.H + h, i);
                }
            }
        }
    }
}
