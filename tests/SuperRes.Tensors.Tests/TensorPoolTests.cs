namespace SuperRes.Tensors.Tests;

/// <summary>
/// The pool's reuse of freed buffers. Each test starts from an empty pool (the collection runs
/// alone), and its lengths are more than twice apart from the other tests'.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed unsafe class TensorPoolTests
{
    [Fact]
    public void FreedLargerBuffer_ServesASmallerTensor_AndGoesBackAtItsOwnLength()
    {
        TensorPool.Trim();
        var big = Tensor.Empty(1_000_003);
        nint buffer = (nint)big.DataPointer;
        big.Dispose();

        var small = Tensor.Empty(600_011); // the larger buffer is free and at most twice as long
        Assert.Equal(buffer, (nint)small.DataPointer);
        small.AsSpan().Fill(1f);
        small.Dispose();

        // Given back as the 1,000,003 floats it is: the long tensor gets it again, and can use all of it.
        var again = Tensor.Empty(1_000_003);
        Assert.Equal(buffer, (nint)again.DataPointer);
        again.AsSpan().Fill(2f);
        Assert.Equal(2f, again.AsSpan()[^1]);
        again.Dispose();
    }

    [Fact]
    public void BufferMoreThanTwiceTheLength_IsNotTaken()
    {
        TensorPool.Trim();
        var big = Tensor.Empty(4_400_001);
        nint buffer = (nint)big.DataPointer;
        big.Dispose();

        var small = Tensor.Empty(4_400_001 / TensorPool.MaxOversize - 1);
        Assert.NotEqual(buffer, (nint)small.DataPointer);
        small.Dispose();
    }

    [Fact]
    public void ExactLength_IsPreferred_ThenTheSmallestLargerBuffer()
    {
        TensorPool.Trim();
        var exact = Tensor.Empty(9_000_001);
        var larger = Tensor.Empty(11_000_001);
        var largest = Tensor.Empty(16_000_001);
        nint exactBuffer = (nint)exact.DataPointer, largerBuffer = (nint)larger.DataPointer;
        largest.Dispose();
        larger.Dispose();
        exact.Dispose();

        var first = Tensor.Empty(9_000_001);
        var second = Tensor.Empty(9_000_001);
        Assert.Equal(exactBuffer, (nint)first.DataPointer);
        Assert.Equal(largerBuffer, (nint)second.DataPointer);
        first.Dispose();
        second.Dispose();
    }
}
