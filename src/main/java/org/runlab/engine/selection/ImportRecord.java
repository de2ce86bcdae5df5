package org.runlab.engine.selection;

/**
 * One import found in a project.
 *
 * @param module the absolute dotted module name ({@code from . import x} in {@code pkg/a.py} is
 *     {@code pkg.x}); for dynamic imports with a literal name, that name
 * @param file the project file it is in
 * @param line its line
 * @param nested whether it is inside a block (a function, a try, an if) rather than at top level
 * @param relative whether it was written as a relative import
 * @param dynamic whether it was {@code __import__}, {@code importlib.import_module} or exec'd
 *     source rather than an import statement
 */
public record ImportRecord(
    String module, String file, int line, boolean nested, boolean relative, boolean dynamic) {

  /** The first component of {@link #module()}. */
  public String topLevel() {
    int dot = module.indexOf('.');
    return dot < 0 ? module : module.substring(0, dot);
  }
}
