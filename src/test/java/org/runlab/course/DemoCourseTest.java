package org.runlab.course;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCourseTest {
  @Test
  void hasAtLeastThreeLessonsEachWithInstructionsAndItsEntryFile() {
    Course course = DemoCourseSeeder.demoCourse();
    assertThat(course.getLessons()).hasSizeGreaterThanOrEqualTo(3);
    for (Lesson lesson : course.getLessons()) {
      assertThat(lesson.getInstructions()).as(lesson.getSlug()).startsWith("# ");
      assertThat(lesson.getStarterFiles())
          .as(lesson.getSlug())
          .anySatisfy(f -> assertThat(f.getPath()).isEqualTo(lesson.getEntryFile()));
      lesson.getStarterFiles().forEach(f -> assertThat(f.getContent()).isNotBlank());
    }
  }

  @Test
  void hasAMultiFileLessonAndOneNeedingTheServer() {
    Course course = DemoCourseSeeder.demoCourse();
    assertThat(course.getLessons()).anySatisfy(l -> assertThat(l.getStarterFiles()).hasSizeGreaterThan(1));
    assertThat(course.getLessons())
        .anySatisfy(
            l -> assertThat(l.getStarterFiles()).anySatisfy(f -> assertThat(f.getContent()).contains("import pandas")));
  }
}
