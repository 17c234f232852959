namespace SuperRes.Tensors.Kernels;

/// <summary>
/// The specification of conv2d: plain loops, no tricks. Fast kernels are tested against it.
/// </summary>
public sealed unsafe class ReferenceConv2dKernel : IConv2dKernel
{
    public static ReferenceConv2dKernel Instance { get; } = new();

    public void Forward(in Conv2dGeometry g, float* input, float* weight, float* bias, float* output)
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int n = 0; n < g.Batch; n++)
        for (int co = 0; co < g.OutChannels; co++)
        for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++)
        {
            double sum = bias == null ? 0 : bias[co];
            for (int ci = 0; ci < g.InChannels; ci++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
            {
                int iy = y * g.StrideH + ky - g.PadTop;
                if ((uint)iy >= (uint)g.InHeight) continue;
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int ix = x * g.StrideW + kx - g.PadLeft;
                    if ((uint)ix >= (uint)g.InWidth) continue;
                    sum += (double)input[((long)(n * g.InChannels + ci) * g.InHeight + iy) * g.InWidth + ix]
                         * weight[((co * g.InChannels + ci) * g.KernelHeight + ky) * g.KernelWidth + kx];
                }
            }
            output[((long)(n * g.OutChannels + co) * oh + y) * ow + x] = (float)sum;
        }
    }

    public void BackwardInput(in Conv2dGeometry g, float* gradOutput, float* weight, float* gradInput)
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        new Span<float>(gradInput, checked((int)g.InputLength)).Clear();
        for (int n = 0; n < g.Batch; n++)
        for (int co = 0; co < g.OutChannels; co++)
        for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++)
        {
            float go = gradOutput[((long)(n * g.OutChannels + co) * oh + y) * ow + x];
            for (int ci = 0; ci < g.InChannels; ci++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
            {
                int iy = y * g.StrideH + ky - g.PadTop;
                if ((uint)iy >= (uint)g.InHeight) continue;
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int ix = x * g.StrideW + kx - g.PadLeft;
                    if ((uint)ix >= (uint)g.InWidth) continue;
                    gradInput[((long)(n * g.InChannels + ci) * g.InHeight + iy) * g.InWidth + ix]
                        += go * weight[((co * g.InChannels + ci) * g.KernelHeight + ky) * g.KernelWidth + kx];
                }
            }
        }
    }

    public void BackwardWeight(in Conv2dGeometry g, float* input, float* gradOutput, float* gradWeight, float* gradBias)
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int co = 0; co < g.OutChannels; co++)
        {
            if (gradBias != null)
            {
                double b = 0;
                for (int n = 0; n < g.Batch; n++)
                for (int i = 0; i < oh * ow; i++)
                    b += gradOutput[(long)(n * g.OutChannels + co) * oh * ow + i];
                gradBias[co] = (float)b;
            }
            for (int ci = 0; ci < g.InChannels; ci++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
            for (int kx = 0; kx < g.KernelWidth; kx++)
            {
                double sum = 0;
                for (int n = 0; n < g.Batch; n++)
                for (int y = 0; y < oh; y++)
                {
                    int iy = y * g.StrideH + ky - g.PadTop;
                    if ((uint)iy >= (uint)g.InHeight) continue;
                    for (int x = 0; x < ow; x++)
                    {
                        int ix = x * g.StrideW + kx - g.PadLeft;
                        if ((uint)ix >= (uint)g.InWidth) continue;
                        sum += (double)input[((long)(n * g.InChannels + ci) * g.InHeight + iy) * g.InWidth + ix]
                             * gradOutput[((long)(n * g.OutChannels + co) * oh + y) * ow + x];
                    }
                }
                gradWeight[((co * g.InChannels + ci) * g.KernelHeight + ky) * g.KernelWidth + kx] = (float)sum;
            }
        }
    }
}
