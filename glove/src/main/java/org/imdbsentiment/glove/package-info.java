package org.imdbsentiment.glove;
