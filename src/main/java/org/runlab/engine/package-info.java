/** Where code runs, behind one interface: the run spec, limits, result and verdicts. */
package org.runlab.engine;
