/**
 * What every capability stands on: the datasource, schema migrations, stored settings, health,
 * domain exceptions ({@code errors}), cluster primitives ({@code cluster}), alerts ({@code alert})
 * and background work ({@code background}).
 */
package org.runlab.platform;
