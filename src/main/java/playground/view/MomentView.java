package playground.view;

/**
 * A moment of the timeline, as every part of the page shows it: the sample's tables, its equations, the weights, the
 * pictures, and the moment's words beside the slider.
 */
public record MomentView(
        SampleView state, EquationsView equations, WeightsView weights, PicturesView pictures, String at) {}
