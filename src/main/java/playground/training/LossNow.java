package playground.training;

/**
 * The figures an epoch's end reports (mean loss on the training and test sets, and accuracy for classification),
 * worked out at weights a learner has just edited: the loss now, at moment {@code at}, not an epoch's.
 *
 * @param edit the edit that left these weights (the last one made at its moment)
 * @param trainLoss the mean E over the training set at the edited weights
 * @param testLoss the mean E over the test set
 * @param trainAccuracy the fraction of training samples classified right (NaN for regression)
 * @param testAccuracy the same for the test set
 * @param workedOut false when the loss was not worked out (see {@link #notWorkedOut}): the figures are NaN
 */
public record LossNow(
        Edit edit, double trainLoss, double testLoss, double trainAccuracy, double testAccuracy, boolean workedOut) {
    /**
     * An edit whose loss is not worked out: the data times the net is more than one request may evaluate ({@link
     * Config#MAX_LOSS_NOW_WORK}); the next epoch's end gives the loss.
     */
    public static LossNow notWorkedOut(Edit edit) {
        return new LossNow(edit, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
    }

    /** The moment of the edit (epochs done, and samples of the next). */
    public Moment.At at() {
        return edit.at();
    }
}
