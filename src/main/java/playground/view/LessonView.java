package playground.view;

import java.util.List;
import playground.lesson.Check;
import playground.lesson.Lesson;

/**
 * A lesson's check as a run stands against it (the check's fragment), or the list of lessons.
 *
 * @param result null before there is a run to check
 */
public record LessonView(Lesson lesson, String runId, Check.Result result) {

    /** The /lessons page: every lesson. */
    public record Index(List<Lesson> lessons) {}

    public boolean met() {
        return result != null && result.met();
    }

    /** The check's own URL for this run (the page asks it again as the run moves on). */
    public String url() {
        return "/lessons/" + lesson.id() + "/check?run=" + runId;
    }
}
