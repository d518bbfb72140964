package playground.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import playground.view.NotebookView;

/** The notebook-as-written banner announces the comparison and links to it, and the comparison has that anchor. */
class NotebookBannerTest {
    private final Templates templates = Templates.create();

    @Test
    void theBannerLinksToTheComparison() {
        NotebookView v = NotebookView.of(0.1);
        String banner = templates.render("notebook_banner.jte", v);
        assertTrue(
                banner.contains("The notebook as written:</b> its own code, bugs included, runs beside the correct"),
                banner);
        assertTrue(banner.contains("<a href=\"#notebook\">See where they part ↓</a>"), banner);
        // the first quantity where the notebook's numbers leave the correct ones: y, through mistake 2
        assertTrue(banner.contains("(first at y)"), banner);
        String comparison = templates.render("notebook.jte", v);
        assertTrue(comparison.contains("id=\"notebook\""), "the banner's link has a target");
    }
}
