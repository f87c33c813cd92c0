"""The course's learner side: exercises with feedback, progress, the trainee, the gradebook, certificates."""
