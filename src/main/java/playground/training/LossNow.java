package playground.training;

/**
 * The figures an epoch's end reports (mean loss on the training and test sets, and accuracy for classification),
 * worked out at weights a learner has just edited: the loss now, at moment {@code at}, not an epoch's.
 *
 * @param at the moment of the edit (epochs done, and samples of the next)
 * @param trainLoss the mean E over the training set at the edited weights
 * @param testLoss the mean E over the test set
 * @param trainAccuracy the fraction of training samples classified right (NaN for regression)
 * @param testAccuracy the same for the test set
 */
public record LossNow(Moment.At at, double trainLoss, double testLoss, double trainAccuracy, double testAccuracy) {}
