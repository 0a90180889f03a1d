/* cart_quiz: turns each quiz <section> into a self-check. Nothing leaves the browser;
   saved care-team questions are stored by cart-storage.js (window.cartStorage), the module
   the My questions page uses too. Without it the quiz works and offers no saving. */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  /* cart-storage.js (window.cartStorage) loads before this script on every page that needs
     it; without it, saving is switched off and nothing else breaks. */

  /* Looked up when needed, so the order the scripts load in does not matter. */
  function storage() {
    var module = window.cartStorage;
    return module && typeof module.add === "function" ? module : null;
  }

  function progressStore() {
    var module = storage();
    return module && typeof module.saveProgress === "function" ? module : null;
  }

  function words(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function Question(fieldset, quiz) {
    this.fieldset = fieldset;
    this.quiz = quiz;
    this.type = fieldset.getAttribute("data-question-type");
    this.status = fieldset.querySelector(".cart-status");
    this.answer = fieldset.querySelector(".cart-answer");
    this.answerSummary = this.answer.querySelector("summary");
    this.answerSummaryText = this.answerSummary.textContent;
    this.checkButton = fieldset.querySelector(".cart-check");
    this.retryButton = fieldset.querySelector(".cart-retry");
    this.addButton = fieldset.querySelector(".cart-add-question");
    this.result = null;
    fieldset.querySelector(".cart-actions").hidden = false;
    this.checkButton.addEventListener("click", this.check.bind(this));
    this.retryButton.addEventListener("click", this.retry.bind(this));
    if (this.addButton) this.addButton.addEventListener("click", this.addToList.bind(this));
    if (this.type === "ordering") this.enableOrdering();
  }

  Question.prototype.strings = function () { return this.quiz.strings; };

  Question.prototype.enableOrdering = function () {
    var self = this;
    this.fieldset.querySelector(".cart-ordering-moves-help").hidden = false;
    this.list = this.fieldset.querySelector(".cart-steps");
    Array.prototype.forEach.call(this.list.querySelectorAll(".cart-step-moves"), function (m) {
      m.hidden = false;
    });
    this.list.addEventListener("click", function (event) {
      var button = event.target.closest(".cart-move");
      if (button) self.move(button);
    });
    this.updateMoves();
  };

  /* Move up on the first step and Move down on the last cannot move: they say so, stay
     focusable (focus never jumps away) and are marked aria-disabled. */
  Question.prototype.updateMoves = function () {
    var items = Array.prototype.slice.call(this.list.children);
    items.forEach(function (item, index) {
      Array.prototype.forEach.call(item.querySelectorAll(".cart-move"), function (button) {
        var up = Number(button.getAttribute("data-move")) < 0;
        var stuck = up ? index === 0 : index === items.length - 1;
        if (stuck) button.setAttribute("aria-disabled", "true");
        else button.removeAttribute("aria-disabled");
      });
    });
  };

  Question.prototype.move = function (button) {
    var item = button.closest(".cart-step");
    var delta = Number(button.getAttribute("data-move"));
    var sibling = delta < 0 ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) {
      this.status.textContent = format(
        delta < 0 ? this.strings().alreadyFirst : this.strings().alreadyLast,
        { step: words(item.querySelector(".cart-step-text")) });
      return;
    }
    if (delta < 0) this.list.insertBefore(item, sibling);
    else this.list.insertBefore(sibling, item);
    button.focus();
    // Moving a step down leaves the focused button in place in the DOM: nothing scrolls it
    // back into view if it slid below the screen (WCAG 2.4.11).
    button.scrollIntoView({ block: "nearest" });
    this.updateMoves();
    var items = Array.prototype.slice.call(this.list.children);
    this.status.textContent = format(this.strings().moved, {
      step: item.querySelector(".cart-step-text").textContent.trim(),
      position: items.indexOf(item) + 1,
      total: items.length
    });
  };

  Question.prototype.selectedInputs = function () {
    return Array.prototype.filter.call(
      this.fieldset.querySelectorAll(".cart-choice-input"), function (input) {
        return input.checked;
      });
  };

  Question.prototype.evaluate = function () {
    if (this.type === "ordering") {
      var positions = Array.prototype.map.call(this.list.children, function (item) {
        return Number(item.getAttribute("data-position"));
      });
      var inOrder = positions.every(function (value, index) { return value === index; });
      return { verdict: inOrder ? "correct" : "incorrect", chosen: [] };
    }
    var chosen = this.selectedInputs();
    if (!chosen.length) return null;
    if (chosen.some(function (input) { return input.hasAttribute("data-unsure"); })) {
      return { verdict: "unsure", chosen: chosen };
    }
    var all = this.fieldset.querySelectorAll(".cart-choice-input");
    var right = Array.prototype.every.call(all, function (input) {
      return input.checked === input.hasAttribute("data-correct");
    });
    return { verdict: right ? "correct" : "incorrect", chosen: chosen };
  };

  Question.prototype.check = function (restoring) {
    restoring = restoring === true;
    var outcome = this.evaluate();
    var strings = this.strings();
    if (!outcome) {
      this.status.textContent = strings.chooseFirst;
      return;
    }
    var self = this;
    var messages = [strings[outcome.verdict]];
    outcome.chosen.forEach(function (input) {
      var item = self.answer.querySelector('.cart-answer-item[data-choice="' + input.value + '"]');
      if (!item) return;
      var mark = item.querySelector(".cart-your-answer");
      mark.textContent = strings.yourAnswer;
      mark.hidden = false;
      item.classList.add("cart-chosen");
      var clone = item.cloneNode(true);
      Array.prototype.forEach.call(clone.querySelectorAll(".cart-verdict, .cart-your-answer"),
        function (node) { node.remove(); });
      messages.push(clone.textContent.trim());
    });
    this.result = outcome.verdict;
    this.fieldset.setAttribute("data-result", outcome.verdict);
    this.answer.open = true;
    this.answerSummary.textContent = strings.answerOpen;
    this.retryButton.hidden = false;
    if (this.addButton) this.addButton.hidden = outcome.verdict === "correct" || !storage();
    this.quiz.update();
    if (restoring) {
      // Shown, not announced: a page that restores seven answers must not speak seven
      // times on load. The region becomes live again for what the reader does next.
      var region = this.status;
      region.removeAttribute("role");
      region.textContent = strings[outcome.verdict] + " " + strings.restoredAnswer;
      window.setTimeout(function () { region.setAttribute("role", "status"); }, 0);
      return;
    }
    messages.push(this.quiz.scoreText());
    var problem = this.quiz.save();
    if (problem) messages.push(problem);
    this.status.textContent = messages.join(" ");
  };

  /* What is kept of this question's answer: enough to restore it, and the words the reader
     saw, so My progress can list and print it. */
  Question.prototype.record = function () {
    var self = this;
    var record = {
      result: this.result,
      number: this.quiz.questions.indexOf(this) + 1,
      prompt: words(this.fieldset.querySelector(".cart-question-prompt"))
    };
    if (this.type === "ordering") {
      var items = Array.prototype.slice.call(this.list.children);
      record.order = items.map(function (item) { return Number(item.getAttribute("data-position")); });
      record.answers = items.map(function (item) { return words(item.querySelector(".cart-step-text")); });
    } else {
      var chosen = this.selectedInputs();
      record.chosen = chosen.map(function (input) { return Number(input.value); });
      record.answers = chosen.map(function (input) {
        return words(self.fieldset.querySelector('label[for="' + input.id + '"]'));
      });
    }
    var link = this.fieldset.querySelector(".cart-learn-more a");
    if (link) record.learn = { href: link.href, text: words(link) };
    return record;
  };

  /* Put a saved answer back; false when it no longer fits the question (the quiz changed). */
  Question.prototype.restore = function (record) {
    if (!record || typeof record !== "object") return false;
    if (this.type === "ordering") {
      var order = record.order;
      var items = Array.prototype.slice.call(this.list.children);
      if (!Array.isArray(order) || order.length !== items.length) return false;
      var byPosition = {};
      items.forEach(function (item) { byPosition[item.getAttribute("data-position")] = item; });
      var found = order.map(function (position) { return byPosition[String(position)]; });
      if (found.some(function (item) { return !item; }) ||
        found.filter(function (item, index) { return found.indexOf(item) === index; }).length !==
        found.length) return false;
      var list = this.list;
      found.forEach(function (item) { list.appendChild(item); });
      this.updateMoves();
    } else {
      var chosen = record.chosen;
      var inputs = this.fieldset.querySelectorAll(".cart-choice-input");
      if (!Array.isArray(chosen) || !chosen.length || chosen.some(function (index) {
        return typeof index !== "number" || !inputs[index];
      })) return false;
      Array.prototype.forEach.call(inputs, function (input, index) {
        input.checked = chosen.indexOf(index) !== -1;
      });
    }
    this.check(true);
    return true;
  };

  Question.prototype.retry = function () {
    this.result = null;
    this.fieldset.removeAttribute("data-result");
    this.selectedInputs().forEach(function (input) { input.checked = false; });
    Array.prototype.forEach.call(this.answer.querySelectorAll(".cart-answer-item"),
      function (item) {
        item.classList.remove("cart-chosen");
        item.querySelector(".cart-your-answer").hidden = true;
      });
    this.answer.open = false;
    this.answerSummary.textContent = this.answerSummaryText;
    this.status.textContent = "";
    this.retryButton.hidden = true;
    if (this.addButton) this.addButton.hidden = true;
    this.quiz.update();
    if (!this.quiz.resetting) {
      var problem = this.quiz.save();
      if (problem) this.status.textContent = problem;
    }
    var first = this.fieldset.querySelector(".cart-choice-input, .cart-move");
    if (first) first.focus();
  };

  Question.prototype.addToList = function () {
    var module = storage();
    var outcome = "blocked";
    if (module) {
      try {
        outcome = module.add({
          text: this.fieldset.getAttribute("data-ask"),
          stage: this.fieldset.getAttribute("data-stage"),
          source: this.quiz.section.getAttribute("data-quiz-id") + "/" + this.fieldset.id,
          own: false,
          added: new Date().toISOString()
        });
      } catch (error) {
        outcome = "failed";
      }
    }
    var strings = this.strings();
    var messages = {
      added: strings.added,
      exists: strings.alreadyAdded,
      full: strings.storageFull,
      unreadable: strings.storageUnreadable
    };
    this.status.textContent = (Object.prototype.hasOwnProperty.call(messages, outcome) &&
      messages[outcome]) || strings.storageFailed;
  };

  function Quiz(section) {
    this.section = section;
    // The page's first quiz carries the strings for every quiz on it.
    this.strings = JSON.parse(document.querySelector(".cart-quiz[data-cart-strings]")
      .getAttribute("data-cart-strings"));
    this.footer = section.querySelector(".cart-quiz-footer");
    this.score = section.querySelector(".cart-score");
    this.summary = section.querySelector(".cart-summary");
    this.questions = Array.prototype.map.call(
      section.querySelectorAll(".cart-question"), function (fieldset) {
        return new Question(fieldset, this);
      }, this);
    this.footer.hidden = false;
    this.progressNote = section.querySelector(".cart-progress-note");
    this.resetting = false;
    section.querySelector(".cart-reset").addEventListener("click", this.reset.bind(this));
    this.restore();
    this.update();
  }

  Quiz.prototype.id = function () { return this.section.getAttribute("data-quiz-id"); };

  /* Why answers are not being kept, in words, or "" when they are. */
  Quiz.prototype.problemText = function (outcome) {
    var strings = this.strings;
    return ({
      full: strings.progressFull,
      blocked: strings.progressBlocked,
      unreadable: strings.progressUnreadable
    })[outcome] || (outcome ? strings.progressBlocked : "");
  };

  Quiz.prototype.restore = function () {
    var module = progressStore();
    if (!module) return;
    var saved;
    try {
      saved = module.readProgress(this.id());
    } catch (error) {
      saved = { state: "blocked", progress: null };
    }
    if (saved.state !== "ok") {
      if (this.progressNote) this.progressNote.textContent = this.problemText(saved.state);
      return;
    }
    if (!saved.progress) return;
    var restored = 0;
    var questions = saved.progress.questions;
    this.questions.forEach(function (question) {
      var key = question.fieldset.getAttribute("data-question-id");
      if (Object.prototype.hasOwnProperty.call(questions, key) && question.restore(questions[key])) {
        restored += 1;
      }
    });
    if (restored && this.progressNote) {
      this.progressNote.textContent = format(this.strings.restored, {
        count: restored, total: this.questions.length });
    }
  };

  /* Keep what the reader has answered now; returns "" or why it could not be kept. */
  Quiz.prototype.save = function () {
    var module = progressStore();
    if (!module) return "";
    var questions = {};
    this.questions.forEach(function (question) {
      if (question.result) {
        questions[question.fieldset.getAttribute("data-question-id")] = question.record();
      }
    });
    var outcome;
    try {
      outcome = module.saveProgress(this.id(), {
        title: this.section.getAttribute("data-quiz-title"),
        page: window.location.pathname,
        total: this.questions.length,
        updated: new Date().toISOString(),
        questions: questions
      });
    } catch (error) {
      outcome = "failed";
    }
    return this.problemText(outcome);
  };

  Quiz.prototype.counts = function () {
    var answered = 0, right = 0;
    this.questions.forEach(function (question) {
      if (question.result) answered += 1;
      if (question.result === "correct") right += 1;
    });
    return { answered: answered, right: right, total: this.questions.length };
  };

  Quiz.prototype.scoreText = function () {
    var counts = this.counts();
    return format(this.strings.score, { score: counts.right, total: counts.total });
  };

  Quiz.prototype.update = function () {
    var counts = this.counts();
    this.score.textContent = this.scoreText();
    this.summary.textContent = "";
    if (counts.answered < counts.total) return;
    var heading = document.createElement("p");
    heading.textContent = format(this.strings.summary, { score: counts.right,
      total: counts.total });
    this.summary.appendChild(heading);
    var missed = this.questions.filter(function (q) { return q.result !== "correct"; });
    if (!missed.length) {
      heading.textContent += " " + this.strings.allRight;
      return;
    }
    var intro = document.createElement("p");
    intro.textContent = this.strings.review;
    var list = document.createElement("ul");
    missed.forEach(function (question) {
      var link = question.fieldset.querySelector(".cart-learn-more a");
      if (!link) return;
      var item = document.createElement("li");
      var copy = document.createElement("a");
      copy.href = link.href;
      copy.textContent = link.textContent;
      item.appendChild(copy);
      list.appendChild(item);
    });
    this.summary.appendChild(intro);
    this.summary.appendChild(list);
  };

  Quiz.prototype.reset = function () {
    this.resetting = true;
    this.questions.forEach(function (question) { question.retry(); });
    this.resetting = false;
    var message = this.strings.reset;
    var module = progressStore();
    if (module) {
      var outcome;
      try {
        outcome = module.forgetProgress(this.id());
      } catch (error) {
        outcome = "blocked";
      }
      message += " " + (outcome ? this.strings.forgetFailed : this.strings.forgotten);
    }
    if (this.progressNote) this.progressNote.textContent = "";
    this.summary.textContent = message;
    var first = this.section.querySelector(".cart-choice-input, .cart-move");
    if (first) first.focus();
  };

  function start() {
    var sections = document.querySelectorAll(".cart-quiz");
    Array.prototype.forEach.call(sections, function (section) {
      new Quiz(section); // eslint-disable-line no-new
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
