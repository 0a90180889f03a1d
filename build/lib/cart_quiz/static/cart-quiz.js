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
    var help = this.fieldset.querySelector(".cart-ordering-help");
    help.textContent = this.strings().orderHelp;
    this.list = this.fieldset.querySelector(".cart-steps");
    Array.prototype.forEach.call(this.list.querySelectorAll(".cart-step-moves"), function (m) {
      m.hidden = false;
    });
    this.list.addEventListener("click", function (event) {
      var button = event.target.closest(".cart-move");
      if (button) self.move(button);
    });
  };

  Question.prototype.move = function (button) {
    var item = button.closest(".cart-step");
    var delta = Number(button.getAttribute("data-move"));
    var sibling = delta < 0 ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    if (delta < 0) this.list.insertBefore(item, sibling);
    else this.list.insertBefore(sibling, item);
    button.focus();
    // Moving a step down leaves the focused button in place in the DOM: nothing scrolls it
    // back into view if it slid below the screen (WCAG 2.4.11).
    button.scrollIntoView({ block: "nearest" });
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

  Question.prototype.feedbackFor = function (input) {
    var item = this.answer.querySelector('.cart-answer-item[data-choice="' + input.value + '"]');
    return item;
  };

  Question.prototype.check = function () {
    var outcome = this.evaluate();
    var strings = this.strings();
    if (!outcome) {
      this.status.textContent = strings.chooseFirst;
      return;
    }
    var self = this;
    var messages = [strings[outcome.verdict]];
    outcome.chosen.forEach(function (input) {
      var item = self.feedbackFor(input);
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
    messages.push(this.quiz.scoreText());
    this.status.textContent = messages.join(" ");
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
    this.strings = JSON.parse(section.getAttribute("data-cart-strings"));
    this.footer = section.querySelector(".cart-quiz-footer");
    this.score = section.querySelector(".cart-score");
    this.summary = section.querySelector(".cart-summary");
    this.questions = Array.prototype.map.call(
      section.querySelectorAll(".cart-question"), function (fieldset) {
        return new Question(fieldset, this);
      }, this);
    this.footer.hidden = false;
    section.querySelector(".cart-reset").addEventListener("click", this.reset.bind(this));
    this.update();
  }

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
    this.questions.forEach(function (question) { question.retry(); });
    this.summary.textContent = this.strings.reset;
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
