package playground.http;

import io.javalin.http.Context;
import java.util.List;
import playground.lesson.Lesson;
import playground.training.Run;
import playground.training.Runs;
import playground.view.LessonView;

/** GET /lessons and each lesson's live check, from the same snapshot the run's status line shows. */
final class Lessons {
    private final List<Lesson> lessons;
    private final Runs runs;
    private final Templates templates;

    Lessons(List<Lesson> lessons, Runs runs, Templates templates) {
        this.lessons = lessons;
        this.runs = runs;
        this.templates = templates;
    }

    /** GET /lessons: every lesson, its task and its link; the browser marks those done (kept in the browser). */
    void list(Context ctx) {
        ctx.html(templates.render("lessons.jte", new LessonView.Index(lessons)));
    }

    /** GET /lessons/{id}/check?run=RUN: the check against the session's run as it is now (a fragment). */
    void check(Context ctx) {
        Lesson lesson = lessons.stream()
                .filter(l -> l.id().equals(ctx.pathParam("id")))
                .findFirst()
                .orElseThrow(() -> new Api.NotFound("no lesson called " + Pages.clip(ctx.pathParam("id"))));
        Run run = runs.find(Sessions.existing(ctx), String.valueOf(ctx.queryParam("run")));
        if (run == null) throw new Api.NotFound("no run with this id in your session; reload the page");
        ctx.html(templates.render(
                "lesson_check.jte",
                new LessonView(lesson, run.id(), lesson.check().test(run.snapshot()))));
    }
}
