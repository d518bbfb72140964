package playground.nn;

/**
 * How the gradient flowed through the network over one epoch, as the training kernels measured it ({@link
 * Sgd#takeFlow()}). Per-layer arrays list weight layers from layer 1: index l - 1 is W^(l); per hidden layer, index l
 * - 1 is layer l.
 *
 * @param gradientNorms the mean over the epoch's samples of ||dE/dW^(l)||_F, each sample's own gradient (for one
 *     sample it is the outer product delta^(l) a^(l-1)^T, so its norm is ||delta^(l)|| ||a^(l-1)||); biases are not
 *     counted
 * @param updateRatios the mean over the epoch's updates of ||Delta W^(l)||_F / ||W^(l)||_F, W before the update
 * @param saturatedUnits per hidden layer, the units with |f'(z)| below {@link #SATURATED} on more than half the
 *     epoch's samples
 * @param deadUnits per hidden layer of the ReLU family (relu, leaky relu), the units whose output was 0 on every sample
 *     of the epoch (empty for other activations)
 */
public record GradientFlow(double[] gradientNorms, double[] updateRatios, int[][] saturatedUnits, int[][] deadUnits) {
    /** |f'(z)| below this counts as saturated: a unit there passes on less than 1 % of the gradient. */
    public static final double SATURATED = 0.01;

    /** Whether a unit whose output is 0 on every sample is dead: relu and leaky relu, whose slope below 0 is < 1. */
    static boolean canDie(Activation f) {
        return f.piecewiseLinear() && f.slope() < 1;
    }
}
