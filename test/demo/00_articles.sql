-- Sample news articles written for the news_analytics demo (fictional
-- events, realistic shape): wire copy re-sent with light edits, the same
-- event told by different outlets, title-case headlines inside bodies,
-- bylines and boilerplate lines, quotes, relative dates.
DROP SCHEMA IF EXISTS news_demo CASCADE;
CREATE SCHEMA news_demo;
CREATE TABLE news_demo.articles (
    id int PRIMARY KEY,
    title text NOT NULL,
    body text NOT NULL,
    source text NOT NULL,
    published_at timestamptz NOT NULL
);

INSERT INTO news_demo.articles VALUES
(1, 'Ukraine and Russia agree to new round of talks in Geneva',
$$GENEVA, Feb 12 (Wire) - Ukraine and Russia agreed on Wednesday to hold a new round of talks in Geneva next week, the Swiss Foreign Ministry said, in what diplomats described as a cautious step towards de‑escalation.
Ukrainian President Volodymyr Zelensky said the talks would focus on prisoner exchanges and the safety of the Zaporizhzhia nuclear plant. "We are ready to talk, but we will not trade our land for promises," Zelensky told reporters in Kyiv.
Russian Deputy Foreign Minister Sergei Ryabkov said Moscow expected "concrete results" and blamed the U.S. for delays. The talks are due to start on February 19, according to the Swiss statement.
U.S. Secretary of State Marco Rubio welcomed the announcement. Washington has pledged $5bn in additional aid this year.
(Reporting by Anna Keller; Editing by Tom Hale)$$,
 'Wire', '2025-02-12 09:30:00+00'),
(2, 'Ukraine, Russia agree to new talks in Geneva',
$$GENEVA, Feb 12 (Wire) - Ukraine and Russia agreed on Wednesday to hold a new round of talks in Geneva next week, the Swiss Foreign Ministry said, in what diplomats called a cautious step towards de‑escalation.
Ukrainian President Volodymyr Zelensky said the talks would focus on prisoner exchanges and the safety of the Zaporizhzhia nuclear plant. "We are ready to talk, but we will not trade our land for promises," Zelensky told reporters in Kyiv.
Russian Deputy Foreign Minister Sergei Ryabkov said Moscow expected "concrete results" and blamed the U.S. for delays. The talks are due to start on February 19, according to the Swiss statement.
U.S. Secretary of State Marco Rubio welcomed the announcement. Washington has pledged $5bn in additional aid this year.
(Reporting by Anna Keller; Additional reporting by Omar Said; Editing by Tom Hale)$$,
 'Wire', '2025-02-12 10:05:00+00'),
(3, 'Geneva to host Ukraine-Russia talks',
$$Trump Signals Diplomatic Momentum
By Claire Dubois, Europe correspondent
No time to read? Get a summary
Kyiv and Moscow will send delegations to Geneva next week for their first direct talks in months, Swiss officials announced on Wednesday.
President Donald Trump welcomed the news on social media, writing that "peace is closer than ever". Later, Trump told reporters at the White House that the U.S. would "watch very closely".
Zelenskyy, speaking in the Ukrainian capital, said: "Our position has not changed. Ukraine’s borders are not for sale."
The Kremlin said Russia’s delegation would be led by Sergey Ryabkov. Talks open on 19 February.
Previous Article
Read more: Europe braces for energy price rise$$,
 'Daily Courier', '2025-02-12 18:40:00+00'),
(4, 'Central bank holds rates as inflation cools',
$$LONDON, March 6 - The Bank of England held its main interest rate at 4.5% on Thursday, saying inflation was cooling faster than expected but that it was "too early to declare victory".
Governor Andrew Bailey said the Monetary Policy Committee voted 7-2 to keep rates on hold. Two members voted for a cut of 0.25 percentage points.
"We need to see more evidence that price pressures are easing for good," Bailey told a news conference. Inflation fell to 2.8% in January from 3.0% in December, the Office for National Statistics said last month.
Sterling rose 0.4% against the dollar to $1.27 after the decision. Economists at Barclays said they expected the first cut in May.$$,
 'Wire', '2025-03-06 12:15:00+00'),
(5, 'Bank of England keeps rates unchanged',
$$The Bank of England left borrowing costs unchanged at 4.5 per cent on Thursday as policymakers waited for clearer signs that inflation was under control.
Mr. Bailey, the governor, said it was too early to declare victory over rising prices. He added that the committee would "look at the data meeting by meeting".
Seven of the nine members of the Monetary Policy Committee backed the decision, while two wanted a quarter-point cut.
Markets now expect a cut in May, according to traders. The pound gained against the dollar.$$,
 'Daily Courier', '2025-03-06 16:00:00+00'),
(6, 'Flooding forces thousands from homes in northern Italy',
$$MILAN, Oct 3 - Heavy rain caused flooding across the Emilia-Romagna region of northern Italy on Thursday, forcing more than 4,000 people from their homes, the civil protection agency said.
Rivers burst their banks near Bologna and Ravenna after 200 mm of rain fell in 24 hours. Prime Minister Giorgia Meloni said the government would declare a state of emergency.
"The situation is very serious," regional president Michele de Pascale told Italian television. Schools will stay closed until Monday.
Rescue teams used boats to reach residents trapped in Faenza, where the Lamone river rose by 3 metres overnight.$$,
 'Wire', '2024-10-03 08:00:00+00'),
(7, 'Italy floods: thousands evacuated after torrential rain',
$$Thousands of people have been evacuated in northern Italy after torrential rain triggered floods in Emilia-Romagna.
More than 4,000 residents left their homes as rivers overflowed near Bologna and Ravenna. In Faenza, firefighters rescued families from rooftops with boats.
Italy’s Prime Minister Giorgia Meloni promised a state of emergency and said Rome would release funds "without delay".
Meteorologists said the region received the equivalent of two months of rain in a single day.$$,
 'Daily Courier', '2024-10-03 14:30:00+00'),
(8, 'Tech giant unveils new AI chip',
$$SAN FRANCISCO, May 20 - Nvidia Corp. unveiled a new artificial intelligence chip on Tuesday that it said would cut the energy needed to train large models by half.
Chief Executive Jensen Huang said at the company's developer conference that the chip would ship in the fourth quarter. "This is the biggest leap we have made," Huang said.
Shares of Nvidia rose 3.5% to $1,040.50 in early trading. Rival Advanced Micro Devices Inc. fell 1.2%.
Analysts at Morgan Stanley said the launch would keep Nvidia ahead of competitors for at least two years. For details see https://example.com/nvidia-chip or contact press@example.com.$$,
 'Wire', '2025-05-20 17:45:00+00'),
(9, 'Football: late goal gives City the derby',
$$A stoppage-time header from Erling Haaland gave Manchester City a 2-1 win over Manchester United at the Etihad Stadium on Sunday.
United had led through Bruno Fernandes’s penalty in the 35th minute before Phil Foden equalised after the break.
"We never stopped believing," City manager Pep Guardiola said. "The players showed incredible character."
The win moves City three points clear at the top of the Premier League table. #MCIMUN @ManCity$$,
 'Sports Desk', '2025-04-06 19:10:00+00'),
(10, 'WHO warns of rising measles cases in Europe',
$$GENEVA, Jan 30 - Measles cases in Europe rose to their highest level in more than 25 years last year, the World Health Organization and UNICEF said on Thursday, urging governments to close vaccination gaps.
The WHO said 127,350 cases were reported in the European region in 2024, double the number in 2023. Romania and Kazakhstan recorded the most infections.
"Measles is back, and it's a wake-up call," said Hans Kluge, WHO regional director for Europe. Children under five accounted for more than 40% of cases.
The agencies said vaccination rates had not recovered since the COVID-19 pandemic.$$,
 'Wire', '2025-01-30 11:00:00+00');
