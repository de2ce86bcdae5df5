/** Courses and lessons: Markdown instructions, starter files, the demo course. */
package org.runlab.course;
