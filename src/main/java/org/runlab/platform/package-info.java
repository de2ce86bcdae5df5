/** What every capability stands on: the datasource, schema migrations, stored settings, health. */
package org.runlab.platform;
