package io.miglab.core.playbook;

/**
 * One step of a playbook.
 *
 * @param id stable machine name, unique in its playbook (progress is stored under it)
 * @param page which screen the app shows for it (for example {@code dataset}, {@code inventory}, {@code explain})
 * @param summary one or two sentences: what the step is for and what the user does
 */
public record PlaybookStep(String id, String title, String page, String summary) {}
